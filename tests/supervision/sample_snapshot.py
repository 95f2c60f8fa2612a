"""A frozen bulletin snapshot for June 2019, as ``bulletin_issue`` would store it.

Tasks, seq numbers and units are the seed's (annex 1 = 政府工作报告, 148 tasks: A类 131, B类 15, C类 2;
annex 2 = 民生实事, 15 projects without a target type). The figures are made up but add up: every column of
``by_type`` and of ``by_plan`` sums to ``totals``, the shares add to 100.0, and ``behind`` holds exactly the
9 欠进度 and 3 严重滞后 tasks (listed in plan order, so the renderer's grouping is exercised). The 版头 and 版记 words
are those of the template the data migration gives 区政府办公室.
"""

STATUSES = ["已完成", "超进度", "达进度", "欠进度", "严重滞后", "需年终评定", "未报送", "未开始"]

SNAPSHOT = {
    "document_number": "上政办督〔2019〕6号",
    "title": "关于2019年6月政府工作报告目标任务和民生实事项目进展情况的通报",
    "issuer": "杭州市上城区人民政府办公室",
    "issued_on": "2019-07-05",
    "recipients": "区政府各部门、各直属单位，各街道办事处",
    "masthead": "杭州市上城区人民政府办公室文件",
    "masthead_issue": False,
    "issue_no": "",
    "signer": "",
    "copy_to": "区委办公室，区人大常委会办公室，区政协办公室，区纪委(区监委)",
    "printer": "杭州市上城区人民政府办公室",
    "preface": "现将2019年6月政府工作报告目标任务和民生实事项目进展情况通报如下。",
    "attachments": [],
    "period_label": "2019年6月",
    "elapsed_share": "50.0",
    "summary": (
        "截至6月底，163项目标任务中，已完成4项，超进度31项，达进度89项，合计124项，占76.1%；"
        "欠进度9项，严重滞后3项；需年终评定19项；未报送5项，未开始3项。"
        "总体推进情况良好，但地区生产总值、固定资产投资等主要经济指标和部分建设项目进度仍落后于序时进度。"
    ),
    "totals": [
        {"status": "已完成", "count": 4, "share": "2.5"},
        {"status": "超进度", "count": 31, "share": "19.0"},
        {"status": "达进度", "count": 89, "share": "54.6"},
        {"status": "欠进度", "count": 9, "share": "5.5"},
        {"status": "严重滞后", "count": 3, "share": "1.8"},
        {"status": "需年终评定", "count": 19, "share": "11.7"},
        {"status": "未报送", "count": 5, "share": "3.1"},
        {"status": "未开始", "count": 3, "share": "1.8"},
    ],
    "by_type": [
        {"label": "A类（责任目标）", "counts": [2, 22, 75, 7, 3, 16, 4, 2]},
        {"label": "B类（激励目标）", "counts": [1, 6, 6, 1, 0, 1, 0, 0]},
        {"label": "C类（争先创优目标）", "counts": [0, 0, 0, 0, 0, 2, 0, 0]},
        {"label": "民生实事（不分类）", "counts": [1, 3, 8, 1, 0, 0, 1, 1]},
    ],
    "by_plan": [
        {"label": "政府工作报告", "counts": [3, 28, 81, 8, 3, 19, 4, 2]},
        {"label": "民生实事", "counts": [1, 3, 8, 1, 0, 0, 1, 1]},
    ],
    "behind": [
        {
            "plan": "政府工作报告",
            "seq": "1",
            "name": "地区生产总值",
            "lead_units": "区发改经信局",
            "status": "欠进度",
            "reason": "1—6月增长5.1%，低于目标增速（增长5.5%）0.4个百分点",
        },
        {
            "plan": "政府工作报告",
            "seq": "3",
            "name": "社会消费品零售总额",
            "lead_units": "区商务局",
            "status": "欠进度",
            "reason": "1—6月增长7.2%，低于目标增速（增长8%）0.8个百分点",
        },
        {
            "plan": "政府工作报告",
            "seq": "4",
            "name": "固定资产投资",
            "lead_units": "区发改经信局",
            "status": "欠进度",
            "reason": "计划至6月完成50%，核定完成46.6%，落后3.4个百分点",
        },
        {
            "plan": "政府工作报告",
            "seq": "5",
            "name": "一般公共预算收入",
            "lead_units": "区财政局",
            "status": "欠进度",
            "reason": "1—6月增长6.9%，低于目标增速（增长8.2%）1.3个百分点",
        },
        {
            "plan": "政府工作报告",
            "seq": "9",
            "name": "推进五大主导产业数字化发展",
            "lead_units": "区发改经信局",
            "status": "欠进度",
            "reason": "新增上云企业核定812家，完成全年1900家的42.7%，落后7.3个百分点",
        },
        {
            "plan": "政府工作报告",
            "seq": "54",
            "name": "提高招商绩效,积极开展产业招商、平台招商、地块招商和中介招商",
            "lead_units": "区投促局",
            "status": "严重滞后",
            "reason": "国内招商引资核定30.8亿元，完成全年110亿元的28.0%，落后22.0个百分点",
        },
        {
            "plan": "政府工作报告",
            "seq": "64",
            "name": "实施望江地区地上地下统一开发",
            "lead_units": "望江指挥部",
            "status": "欠进度",
            "reason": "新开发地下空间核定7.6万平方米，完成全年18万平方米的42.2%，落后7.8个百分点",
        },
        {
            "plan": "政府工作报告",
            "seq": "75",
            "name": "实施吴山广场地下空间开发",
            "lead_units": "望江指挥部",
            "status": "严重滞后",
            "reason": "计划6月底前开工，施工图审查未完成，尚未开工",
        },
        {
            "plan": "政府工作报告",
            "seq": "83",
            "name": "加快保障性住房建设",
            "lead_units": "望江指挥部",
            "status": "严重滞后",
            "reason": "计划至6月开工安置房500套，实际开工0套，落后50.0个百分点",
        },
        {
            "plan": "政府工作报告",
            "seq": "94",
            "name": "积极缓解“停车难”",
            "lead_units": "区住房和城建局",
            "status": "欠进度",
            "reason": "建设公共停车泊位核定196个，完成全年500个的39.2%，落后10.8个百分点",
        },
        {
            "plan": "政府工作报告",
            "seq": "141",
            "name": "加大区领导包案督办力度,积极推动信访积案化解",
            "lead_units": "区信访局",
            "status": "欠进度",
            "reason": "化解积案核定10起，完成全年25起的40.0%，落后10.0个百分点",
        },
        {
            "plan": "民生实事",
            "seq": "5",
            "name": "持续推进既有住宅加装电梯,做到“愿装尽装”",
            "lead_units": "区住房和城建局",
            "status": "欠进度",
            "reason": "加装电梯核定19台，完成全年50台的38.0%，落后12.0个百分点",
        },
    ],
    "newly_behind": [
        {
            "plan": "政府工作报告",
            "seq": "75",
            "name": "实施吴山广场地下空间开发",
            "lead_units": "望江指挥部",
            "status": "严重滞后",
            "reason": "计划6月底前开工，施工图审查未完成，尚未开工",
        },
        {
            "plan": "政府工作报告",
            "seq": "94",
            "name": "积极缓解“停车难”",
            "lead_units": "区住房和城建局",
            "status": "欠进度",
            "reason": "建设公共停车泊位核定196个，完成全年500个的39.2%，落后10.8个百分点",
        },
        {
            "plan": "民生实事",
            "seq": "5",
            "name": "持续推进既有住宅加装电梯,做到“愿装尽装”",
            "lead_units": "区住房和城建局",
            "status": "欠进度",
            "reason": "加装电梯核定19台，完成全年50台的38.0%，落后12.0个百分点",
        },
    ],
    "recovered": [
        {
            "plan": "政府工作报告",
            "seq": "6",
            "name": "新增城镇就业人数",
            "lead_units": "区人力社保局",
            "status": "超进度",
            "reason": "新增城镇就业核定6120人，完成全年11000人的55.6%，超序时进度5.6个百分点",
        },
        {
            "plan": "民生实事",
            "seq": "11",
            "name": "帮扶大病住院困难企业退休人员",
            "lead_units": "区人力社保局",
            "status": "达进度",
            "reason": "核定帮扶2415名，完成全年约4800名的50.3%",
        },
    ],
    "ranking_reporting": [
        {"rank": 1, "units": ["区教育局", "区民政局"], "value": "100%"},
        {"rank": 3, "units": ["区卫生健康局"], "value": "98.6%"},
        {"rank": 4, "units": ["区发改经信局", "区商务局", "区财政局"], "value": "97.2%"},
        {"rank": 7, "units": ["区住房和城建局"], "value": "94.4%"},
        {"rank": 8, "units": ["湖滨指挥部"], "value": "91.7%"},
        {"rank": 9, "units": ["望江指挥部"], "value": "83.3%"},
    ],
    "ranking_progress": [
        {"rank": 1, "units": ["区民政局", "区卫生健康局"], "value": "100%"},
        {"rank": 3, "units": ["区教育局"], "value": "92.5%"},
        {"rank": 4, "units": ["区人力社保局"], "value": "90.0%"},
        {"rank": 5, "units": ["区发改经信局", "区财政局"], "value": "81.8%"},
        {"rank": 7, "units": ["区住房和城建局"], "value": "75.0%"},
        {"rank": 8, "units": ["望江指挥部"], "value": "61.5%"},
    ],
    "open_requests": [
        {
            "unit": "望江指挥部",
            "subject": "汽车南站地块安置房项目用地规划调整，需市规划和自然资源局上城分局协调",
            "age_days": 45,
        },
        {
            "unit": "区投促局",
            "subject": "摩云金融科技总部项目落地涉及的办公用房租金补助政策，需区财政局明确",
            "age_days": 28,
        },
        {
            "unit": "区住房和城建局",
            "subject": "既有住宅加装电梯涉及的供水、燃气管线迁移，需相关企业配合",
            "age_days": 16,
        },
    ],
    "closing": (
        "请各单位对照进度计划，认真分析滞后原因，采取有效措施，确保各项目标任务按期完成。"
        "对欠进度的任务，牵头单位要在下月报送时说明追赶措施；对严重滞后的任务，"
        "区纪委（区监委）将按规定进行督办，必要时予以问责。"
    ),
    "statuses": STATUSES,
}
