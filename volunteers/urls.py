from django.urls import path

from .views import coordinator, imports, mine, signup

app_name = "volunteers"

urlpatterns = [
    # Public: the welcome page and the signup wizard.
    path("vrijwilliger-worden/", signup.welcome, name="welcome"),
    path("vrijwilliger-worden/aanmelden/", signup.signup, name="signup"),
    path("vrijwilliger-worden/aanmelden/<slug:step>/", signup.signup_step, name="signup_step"),
    path("vrijwilliger-worden/activeren/<str:uidb36>/<str:token>/", signup.activate,
         name="activate"),
    path("vrijwilliger-worden/tot-ziens/", mine.goodbye, name="goodbye"),
    path("vrijwilliger-worden/<slug:slug>/", signup.welcome_organisation,
         name="welcome_organisation"),
    path("vrijwilliger-worden/<slug:slug>/aanmelden/", signup.signup_start, name="signup_start"),
    # Mijn Koppel: the volunteer's own pages.
    path("mijn-koppel/", mine.mine, name="mine"),
    path("mijn-koppel/wijzigen/<slug:step>/", mine.mine_edit, name="mine_edit"),
    path("mijn-koppel/pauze/", mine.mine_pause, name="mine_pause"),
    path("mijn-koppel/pauze/stoppen/", mine.mine_unpause, name="mine_unpause"),
    path("mijn-koppel/toestemming-intrekken/", mine.mine_withdraw_consent,
         name="mine_withdraw_consent"),
    path("mijn-koppel/mijn-gegevens.json", mine.mine_export, name="mine_export"),
    path("mijn-koppel/account-verwijderen/", mine.mine_erase, name="mine_erase"),
    # Coordinators.
    path("vrijwilligers/", coordinator.volunteer_list, name="list"),
    path("vrijwilligers/export.csv", coordinator.volunteer_export, name="export"),
    path("vrijwilligers/<int:pk>/", coordinator.volunteer_detail, name="detail"),
    path("vrijwilligers/<int:pk>/wijzigen/<slug:step>/", coordinator.volunteer_edit, name="edit"),
    path("vrijwilligers/<int:pk>/uitnodigen/", coordinator.volunteer_invite, name="invite"),
    path("vrijwilligers/<int:pk>/wissen/", coordinator.volunteer_erase, name="erase"),
    path("vrijwilligers/importeren/", imports.import_upload, name="import"),
    path("vrijwilligers/importeren/voorbeeld.csv", imports.import_example, name="import_example"),
    path("vrijwilligers/importeren/<int:pk>/", imports.import_preview, name="import_preview"),
    path("vrijwilligers/importeren/<int:pk>/annuleren/", imports.import_cancel,
         name="import_cancel"),
]
