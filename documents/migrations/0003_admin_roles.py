"""Document.checked_fields and Document.rejected (what a re-parse must leave alone), and the admin's two roles: "editor" (adds and corrects notices) and "viewer"
(reads the admin, changes nothing)."""
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# What an editor may do, per model: notices and what was parsed from them; regions and themes are read only.
EDITOR = {
    "document": ["add", "change", "view"],
    "target": ["add", "change", "delete", "view"],
    "task": ["add", "change", "delete", "view"],
    "responsibility": ["add", "change", "delete", "view"],
    "deadline": ["add", "change", "delete", "view"],
    "responsibleunit": ["add", "change", "view"],
    "region": ["view"],
    "theme": ["view"],
}
VIEWER = {model: ["view"] for model in EDITOR}


def create_roles(apps, schema_editor):
    # Permissions are normally created after the last migration; the groups need them now.
    app_config = apps.get_app_config("documents")
    app_config.models_module = True  # create_permissions skips an app without models
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in (("editor", EDITOR), ("viewer", VIEWER)):
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [f"{action}_{model}" for model, actions in grants.items() for action in actions]
        group.permissions.set(Permission.objects.filter(content_type__app_label="documents", codename__in=codenames))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["editor", "viewer"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_load_regions_and_themes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="checked_fields",
            field=models.JSONField(blank=True, default=list, verbose_name="已人工核对的字段"),
        ),
        migrations.AddField(
            model_name="document",
            name="rejected",
            field=models.JSONField(blank=True, default=list, verbose_name="人工删除的解析结果"),
        ),
        migrations.RunPython(create_roles, remove_roles),
    ]
