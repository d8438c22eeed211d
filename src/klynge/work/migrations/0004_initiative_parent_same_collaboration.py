"""A part of an initiative belongs to its parent's collaboration, in the database too: a composite foreign
key (parent, collaboration) → (id, collaboration), backed by a unique constraint on (id, collaboration).
See klynge.kernel.constraints.CompositeForeignKey. Adding it checks the rows already there."""

from django.db import migrations, models

import klynge.kernel.constraints


class Migration(migrations.Migration):
    dependencies = [
        ("work", "0003_agenda_item_links"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="initiative",
            constraint=models.UniqueConstraint(
                fields=("id", "collaboration"), name="initiative_id_collaboration"
            ),
        ),
        migrations.AddConstraint(
            model_name="initiative",
            constraint=klynge.kernel.constraints.CompositeForeignKey(
                fields=("parent", "collaboration"),
                name="initiative_parent_same_collaboration",
                to_fields=("id", "collaboration"),
                violation_error_message="En indsats kan kun være en del af en indsats i samme samarbejde.",
            ),
        ),
    ]
