"""What each role may do, as Django groups and permissions — the one definition of the roles."""

from django.contrib.auth.models import Group, Permission

from klynge.accounts.models import Role

# Apps whose records the secretariat edits.
EDITED_APPS = ["organisation", "catchment", "bodies", "meetings", "work", "memos", "provenance"]

GROUP_NAMES = {Role.ADMIN: "Administratorer", Role.EDITOR: "Sekretariatsredaktører", Role.MEMBER: "Medlemmer"}


def role_permissions(role: Role, using: str = "default") -> list[Permission]:
    permissions = Permission.objects.using(using).filter(content_type__app_label__in=EDITED_APPS)
    if role == Role.EDITOR:
        return list(permissions.exclude(codename__startswith="delete_"))
    if role == Role.MEMBER:
        return list(permissions.filter(codename__startswith="view_"))
    return list(permissions)


def sync_role_groups(using: str = "default") -> None:
    for role, name in GROUP_NAMES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(role_permissions(role, using=using))
