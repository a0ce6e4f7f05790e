from django.urls import path

from lms.accounts import api, personal_data_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("after-login/", views.after_login, name="after-login"),
    path("password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password-change-done"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join_class, name="join-class"),
    path("welcome/", views.welcome, name="welcome"),
    path("people/", personal_data_views.people, name="people"),
    path("people/<int:pk>/", personal_data_views.person, name="person"),
    path("people/<int:pk>/export/<str:kind>/", personal_data_views.export, name="person-export"),
    path("people/<int:pk>/erase/", personal_data_views.erase, name="person-erase"),
    path("schools/consent/", personal_data_views.school_consents, name="school-consents"),
    path("data-notice/<str:version>/", personal_data_views.consent_text, name="consent-text"),
]

# Under /api/v1/ (lms/api_urls.py).
api_patterns = [
    path("me/", api.MeView.as_view(), name="me"),
    path("auth/token/", api.TokenView.as_view(), name="auth-token"),
    path("classrooms/join/", api.JoinClassView.as_view(), name="classroom-join"),
]
