from django.urls import path

from lms.accounts import views

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
]
