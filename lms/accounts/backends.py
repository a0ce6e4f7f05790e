from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from lms.accounts.signed_in import user_by_id


class UsernameOrStaffEmailBackend(ModelBackend):
    """Students sign in with a username; staff may type their email instead.

    Only staff roles may use email, so a student's account is never found by an address.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            User = get_user_model()
            user = (
                User.objects.filter(email__iexact=username.strip())
                .exclude(groups__name="student")
                .first()
            )
            if user is None:
                # Run the hasher anyway so that timing does not reveal which emails exist.
                User().set_password(password)
                return None
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        """The session's user, from the cache (see `signed_in`)."""
        user = user_by_id(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
