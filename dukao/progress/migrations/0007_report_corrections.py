"""Corrections of verified reports (更正): a reason, who and when, the version corrected and the one verified."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('progress', '0006_schedule_start_date'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReportCorrection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('reason', models.TextField(verbose_name='更正理由')),
                ('verified_at', models.DateTimeField(blank=True, null=True, verbose_name='更正核定时间')),
                ('corrects', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='progress.reportversion', verbose_name='被更正的版本')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='progress.progressreport', verbose_name='报告')),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='申请人')),
                ('verified_version', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='progress.reportversion', verbose_name='核定的更正版本')),
            ],
            options={
                'verbose_name': '报告更正',
                'verbose_name_plural': '报告更正',
                'ordering': ['report', '-created_at'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('verified_at__isnull', True)), fields=('report',), name='report_one_open_correction')],
            },
        ),
    ]
