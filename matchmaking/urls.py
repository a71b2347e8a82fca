from django.urls import path

from . import views, views_answer, views_match, views_mine

app_name = "matchmaking"

urlpatterns = [
    path("koppelen/", views.queue, name="queue"),
    path("koppelen/hulpvraag/<int:pk>/", views.review, name="review"),
    path("koppelen/hulpvraag/<int:pk>/voorstellen/", views.propose, name="propose"),
    path("koppelen/hulpvraag/<int:pk>/afwijzen/", views.reject, name="reject"),
    path("koppelen/alle-hulpvragen/", views.pairing, name="pairing"),
    path("koppelen/alle-hulpvragen/voorstellen/", views.pairing_approve, name="pairing_approve"),
    path("koppelen/gewichten/", views.weights, name="weights"),
    path("koppelen/vrijwilliger/<int:pk>/", views.volunteer_matches, name="volunteer_matches"),
    # One match, for staff; the tasks.
    path("koppelen/koppeling/<int:pk>/", views_match.match_detail, name="match_detail"),
    path("koppelen/koppeling/<int:pk>/antwoord/", views_match.match_answer, name="match_answer"),
    path("koppelen/koppeling/<int:pk>/afwijzen/", views_match.match_decline,
         name="match_decline"),
    path("koppelen/koppeling/<int:pk>/kennismaking/", views_match.match_plan, name="match_plan"),
    path("koppelen/koppeling/<int:pk>/starten/", views_match.match_activate,
         name="match_activate"),
    path("koppelen/koppeling/<int:pk>/beeindigen/", views_match.match_end, name="match_end"),
    path("koppelen/termijnen/", views_match.match_settings, name="match_settings"),
    path("koppelen/taken/", views_match.task_list, name="tasks"),
    path("koppelen/taken/<int:pk>/klaar/", views_match.task_done, name="task_done"),
    # Mijn Koppel: the volunteer's own proposals and matches.
    path("mijn-koppel/koppelingen/", views_mine.my_matches, name="my_matches"),
    path("mijn-koppel/koppelingen/<int:pk>/", views_mine.my_match, name="my_match"),
    path("mijn-koppel/koppelingen/<int:pk>/antwoord/", views_mine.my_match_answer,
         name="my_match_answer"),
    path("mijn-koppel/koppelingen/<int:pk>/kennismaking.ics", views_mine.my_match_ics,
         name="my_match_ics"),
    # The caregiver's answer, through the signed link in their e-mail (no account).
    path("koppeling/antwoord/<str:token>/", views_answer.caregiver_answer,
         name="caregiver_answer"),
]
