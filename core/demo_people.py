"""Names, languages and backgrounds for demo data, after the communities the seeds name.

Pure data: the demo seeders of volunteers and caregivers draw from it with a fixed seed,
so every run produces the same people.
"""

# background label (as a person would state it), weight, languages with typical levels,
# female first names, male first names, family names
COMMUNITIES = [
    ("", 40, [("nl", "native")],
     ["Anne", "Sanne", "Marieke", "Lotte", "Ingrid", "Femke", "Els", "Noor", "Karin", "Anouk",
      "Wilma", "Joke", "Sophie", "Emma", "Lisa", "Tineke"],
     ["Jan", "Pieter", "Kees", "Ruud", "Henk", "Joris", "Wim", "Daan", "Bram", "Gerrit",
      "Thijs", "Koen", "Bas", "Martijn"],
     ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
      "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "van Leeuwen", "Dekker",
      "Verhoeven", "Kok", "Brouwer", "de Wit"]),
    ("Marokkaans", 14, [("ar", "native"), ("rif", "native"), ("nl", "C1")],
     ["Fatima", "Samira", "Khadija", "Hanan", "Naima", "Loubna", "Salma", "Yasmina"],
     ["Mohamed", "Youssef", "Nordin", "Karim", "Mustafa", "Bilal", "Hamza", "Said"],
     ["El Amrani", "Bouzid", "Benali", "El Idrissi", "Ait Taleb", "Azzouzi", "Bakkali",
      "El Khatib", "Chaoui", "Ouali"]),
    ("Turks", 12, [("tr", "native"), ("nl", "C1")],
     ["Ayse", "Zeynep", "Fatma", "Elif", "Emine", "Hatice", "Merve"],
     ["Mehmet", "Emre", "Hasan", "Murat", "Ali", "Kemal", "Yusuf"],
     ["Yilmaz", "Demir", "Kaya", "Celik", "Sahin", "Ozturk", "Aydin", "Arslan", "Dogan"]),
    ("Eritrees", 5, [("ti", "native"), ("nl", "A2"), ("en", "B1")],
     ["Senait", "Mebrat", "Helen", "Rahel"], ["Yonas", "Filmon", "Daniel", "Tesfay"],
     ["Tesfay", "Ghebre", "Haile", "Tekle", "Berhane"]),
    ("Oekraïens", 7, [("uk", "native"), ("ru", "C1"), ("nl", "A2"), ("en", "B2")],
     ["Oksana", "Olena", "Iryna", "Natalia", "Yulia"], ["Andriy", "Oleksandr", "Dmytro"],
     ["Kovalenko", "Shevchenko", "Bondarenko", "Melnyk", "Tkachenko"]),
    ("Pools", 6, [("pl", "native"), ("nl", "B1"), ("en", "B1")],
     ["Agnieszka", "Magdalena", "Katarzyna", "Ewa"], ["Piotr", "Tomasz", "Krzysztof"],
     ["Nowak", "Kowalski", "Wisniewska", "Wojcik", "Kaminski"]),
    ("Somalisch", 4, [("so", "native"), ("nl", "B1"), ("ar", "B1")],
     ["Hodan", "Fadumo", "Amina", "Sahra"], ["Abdirahman", "Ahmed", "Mahad"],
     ["Abdi", "Warsame", "Ali", "Hassan", "Farah"]),
    ("Surinaams", 6, [("nl", "native"), ("srn", "C1")],
     ["Priya", "Sharon", "Anjali", "Gerda"], ["Anil", "Marlon", "Ravi", "Clyde"],
     ["Ramdin", "Jagessar", "Sedney", "Kromodimedjo", "Pinas"]),
    ("Syrisch", 4, [("ar", "native"), ("nl", "A2"), ("en", "B1")],
     ["Rama", "Lina", "Hiba"], ["Omar", "Khaled", "Tarek"],
     ["Al-Hassan", "Khalil", "Haddad", "Mansour"]),
    ("Afghaans", 2, [("prs", "native"), ("fa", "C1"), ("nl", "A2")],
     ["Zahra", "Mariam"], ["Farid", "Ahmad"], ["Ahmadi", "Rahimi", "Karimi"]),
]

INTERESTS = ["wandelen", "fietsen", "koken", "tuinieren", "computers", "muziek", "lezen",
             "museum", "voetbal", "handwerken", "spelletjes", "dieren", "fotografie",
             "koffie drinken", "schaken", "zingen"]


def community_weights():
    return [community[1] for community in COMMUNITIES]
