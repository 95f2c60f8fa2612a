"""Statuses versioned: every existing row is carried over as version 1, the current one; new verdicts become new
versions (one current row per task and period)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0011_task_withdrawn_state'),
        ('supervision', '0015_bulletin_render'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='taskstatus',
            options={'default_manager_name': 'objects', 'ordering': ['task', '-period'], 'verbose_name': '任务状态', 'verbose_name_plural': '任务状态'},
        ),
        migrations.RemoveConstraint(
            model_name='taskstatus',
            name='task_status_once_per_period',
        ),
        migrations.RemoveIndex(
            model_name='taskstatus',
            name='task_status_period',
        ),
        migrations.AddField(
            model_name='taskstatus',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人'),
        ),
        migrations.AddField(
            model_name='taskstatus',
            name='current',
            field=models.BooleanField(default=True, verbose_name='现行版本'),
        ),
        migrations.AddField(
            model_name='taskstatus',
            name='superseded_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='被取代时间'),
        ),
        migrations.AddField(
            model_name='taskstatus',
            name='trigger',
            field=models.CharField(blank=True, choices=[('schedule', '定时计算'), ('manual', '手工重算'), ('command', '命令行计算'), ('bulletin', '生成通报草稿'), ('report.submit', '签发提交'), ('review.verify', '核定'), ('review.return', '退回'), ('schedule.approve', '进度计划审批'), ('indicator.correct', '指标修正')], max_length=30, verbose_name='触发方式'),
        ),
        migrations.AddField(
            model_name='taskstatus',
            name='version',
            field=models.PositiveIntegerField(default=1, verbose_name='版本号'),
        ),
        migrations.AddIndex(
            model_name='taskstatus',
            index=models.Index(condition=models.Q(('current', True)), fields=['period', 'status'], name='task_status_period'),
        ),
        migrations.AddConstraint(
            model_name='taskstatus',
            constraint=models.UniqueConstraint(fields=('task', 'period', 'version'), name='task_status_version_once'),
        ),
        migrations.AddConstraint(
            model_name='taskstatus',
            constraint=models.UniqueConstraint(condition=models.Q(('current', True)), fields=('task', 'period'), name='task_status_one_current'),
        ),
    ]
