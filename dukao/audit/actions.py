"""Every action the audit trail records, with its label: the code (``event_record(action=…)``) is what the chain
hashes and the filter matches; pages and exports show the label. ``tests/audit/test_actions.py`` fails on a code
used in the code and missing here, and on a code here that nothing records."""

from django.utils.translation import pgettext_lazy

#: Labels take the context "audit" (their English is an action's name, not a button's).
ACTIONS = {
    # Sign-in and accounts (accounts, audit.signals)
    "auth.login": pgettext_lazy("audit", "登录"),
    "auth.logout": pgettext_lazy("audit", "退出登录"),
    "auth.login_failed": pgettext_lazy("audit", "登录失败"),
    "auth.otp_failed": pgettext_lazy("audit", "动态口令错误"),
    "auth.session_expired": pgettext_lazy("audit", "会话超时退出"),
    "auth.dingtalk": pgettext_lazy("audit", "钉钉登录"),
    "auth.dingtalk_failed": pgettext_lazy("audit", "钉钉登录失败"),
    "account.dingtalk_bind": pgettext_lazy("audit", "绑定钉钉账号"),
    "account.bootstrap": pgettext_lazy("audit", "创建首批管理员"),
    "account.role": pgettext_lazy("audit", "分配角色"),
    "account.password_change": pgettext_lazy("audit", "修改密码"),
    "account.password_issue": pgettext_lazy("audit", "下发初始密码"),
    "account.lock": pgettext_lazy("audit", "锁定账号"),
    "account.unlock": pgettext_lazy("audit", "解锁账号"),
    "account.otp_enrol": pgettext_lazy("audit", "绑定动态口令"),
    "account.otp_reset": pgettext_lazy("audit", "重置动态口令"),
    "approval.propose": pgettext_lazy("audit", "提出授权申请"),
    "approval.decide": pgettext_lazy("audit", "审批授权申请"),
    "user.privileges": pgettext_lazy("audit", "账号权限变更"),
    "admin.add": pgettext_lazy("audit", "后台新增"),
    "admin.change": pgettext_lazy("audit", "后台修改"),
    "admin.delete": pgettext_lazy("audit", "后台删除"),
    "permission.deny": pgettext_lazy("audit", "拒绝访问"),
    "audit.export": pgettext_lazy("audit", "导出审计日志"),
    "audit.head_repaired": pgettext_lazy("audit", "链头落后，已接续"),
    # Units and plans
    "alias.confirm": pgettext_lazy("audit", "确认单位别名"),
    "alias.reject": pgettext_lazy("audit", "否决单位别名"),
    "plan.import.created": pgettext_lazy("audit", "导入分解表（新建）"),
    "plan.import.updated": pgettext_lazy("audit", "导入分解表（更新）"),
    "plan.export": pgettext_lazy("audit", "导出分解表"),
    "task.withdraw": pgettext_lazy("audit", "撤销任务"),
    "task.restore": pgettext_lazy("audit", "恢复任务"),
    "task.cadres.assign": pgettext_lazy("audit", "指定责任领导"),
    "indicator.correct": pgettext_lazy("audit", "修正指标"),
    "cadre.import.created": pgettext_lazy("audit", "导入领导干部（新建）"),
    "cadre.import.updated": pgettext_lazy("audit", "导入领导干部（更新）"),
    "cadre.export": pgettext_lazy("audit", "导出领导干部"),
    # Progress and reviews
    "schedule.generate": pgettext_lazy("audit", "生成进度计划"),
    "schedule.propose": pgettext_lazy("audit", "提出进度计划"),
    "schedule.approve": pgettext_lazy("audit", "批准进度计划"),
    "schedule.reject": pgettext_lazy("audit", "退回进度计划"),
    "report.open": pgettext_lazy("audit", "打开进度报告"),
    "report.save": pgettext_lazy("audit", "保存报告草稿"),
    "report.submit": pgettext_lazy("audit", "提交进度报告"),
    "report.correct": pgettext_lazy("audit", "更正已核定报告"),
    "evidence.add": pgettext_lazy("audit", "上传佐证材料"),
    "evidence.withdraw": pgettext_lazy("audit", "撤回佐证材料"),
    "contribution.add": pgettext_lazy("audit", "报送配合情况"),
    "request.raise": pgettext_lazy("audit", "提出协调事项"),
    "request.assign": pgettext_lazy("audit", "交办协调事项"),
    "request.answer": pgettext_lazy("audit", "答复协调事项"),
    "request.close": pgettext_lazy("audit", "办结协调事项"),
    "review.verify": pgettext_lazy("audit", "核定指标"),
    "review.return": pgettext_lazy("audit", "退回进度报告"),
    # Notices
    "notice.send": pgettext_lazy("audit", "发送通知"),
    "notice.digest": pgettext_lazy("audit", "生成每日汇总"),
    "notice.read": pgettext_lazy("audit", "阅读通知"),
    "notice.read_all": pgettext_lazy("audit", "全部标为已读"),
    "notice.preferences": pgettext_lazy("audit", "修改通知设置"),
    # Supervision
    "status.recompute": pgettext_lazy("audit", "重新计算状态"),
    "ledger.export": pgettext_lazy("audit", "导出督查台账"),
    "warning.send": pgettext_lazy("audit", "发送任务预警"),
    "urge.send": pgettext_lazy("audit", "一键催办"),
    "bulletin.draft": pgettext_lazy("audit", "生成通报稿"),
    "bulletin.edit_text": pgettext_lazy("audit", "修改通报文字"),
    "bulletin.issue": pgettext_lazy("audit", "签发通报"),
    "bulletin.publish": pgettext_lazy("audit", "公开发布通报"),
    "bulletin.unpublish": pgettext_lazy("audit", "撤回公开通报"),
    "render.requeue": pgettext_lazy("audit", "重新生成超时的文件"),
    "case.open": pgettext_lazy("audit", "立案督办"),
    "case.reminder": pgettext_lazy("audit", "督办：提醒"),
    "case.talk": pgettext_lazy("audit", "督办：约谈"),
    "case.order": pgettext_lazy("audit", "督办：督办单"),
    "case.rectification": pgettext_lazy("audit", "督办：整改报告"),
    "case.accountability": pgettext_lazy("audit", "督办：问责决定"),
    "case.close": pgettext_lazy("audit", "督办：销号"),
    "case.document_issue": pgettext_lazy("audit", "印发督办文书"),
    # Assessment
    "assessment.run": pgettext_lazy("audit", "开展年终考核"),
    "assessment.recompute": pgettext_lazy("audit", "重新计算考核"),
    "assessment.adjust": pgettext_lazy("audit", "考核加减分"),
    "assessment.open_appeals": pgettext_lazy("audit", "开放申诉"),
    "assessment.finalise": pgettext_lazy("audit", "考核定稿"),
    "assessment.export": pgettext_lazy("audit", "导出考核结果"),
    "assessment.report_issue": pgettext_lazy("audit", "印发年度完成情况报告"),
    "appeal.submit": pgettext_lazy("audit", "提出申诉"),
    "appeal.decide": pgettext_lazy("audit", "处理申诉"),
}


def action_label(code: str) -> str:
    """The label of an action code; a code recorded before it was registered shows as itself."""
    return str(ACTIONS[code]) if code in ACTIONS else code


def codes_labelled(text: str) -> list[str]:
    """The codes whose label (in the current language) contains ``text``: the trail's filter matches labels too."""
    return [code for code, label in ACTIONS.items() if text.lower() in str(label).lower()]
