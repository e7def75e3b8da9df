"""An index for the conflict check: a room's bookings that end after a given moment.

The check asks for bookings with ends_at > start and starts_at < end + buffer. Led by
ends_at, the scan covers only the room's future bookings, however long its history;
with starts_at and meeting in the key it never reads the table (see bench/README.md).
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0002_booking_exclusion'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='booking',
            index=models.Index(fields=['bridge_point', 'ends_at', 'starts_at', 'meeting'], name='booking_room_end_idx'),
        ),
    ]
