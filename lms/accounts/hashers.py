from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's minimum: 19 MiB, 2 passes, 1 lane.

    Django's PBKDF2 at a million iterations costs about half a second of CPU per login; a whole
    school signing in when a contest round opens would queue for minutes. These parameters cost a
    few tens of milliseconds and still resist GPU cracking. Hashes made with other parameters or
    hashers are upgraded at the next successful login.
    """

    algorithm = "argon2"
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
