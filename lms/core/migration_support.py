"""Helpers for data migrations. Keep them stable: old migrations import them."""


def create_all_permissions(apps) -> None:
    """Django creates model permissions after `migrate` finishes; data migrations that give
    permissions to groups need them earlier, so create them for every app now."""
    # It reads the auth models: importable only once the apps are loaded.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
