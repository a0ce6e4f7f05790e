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


def grant_permissions(apps, app_label: str, codenames_by_role: dict[str, list[str]]) -> None:
    """Add the model permissions of `app_label` named for each role to that role's group
    (made if missing); what a group already holds stays."""
    create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in codenames_by_role.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
