"""Responsibility tails: the parenthesis that closes a task's text and names who does it. Pure Python.

Real documents print the units of a numbered paragraph (or of an unnumbered target sentence) in one trailing
parenthesis, before or after the final "。", in three ways:

* labelled: "（牵头单位：区城管局；配合单位：各街道办事处；完成时限：9月底前）";
* with verbs that tell the role: "（市国土局牵头）", "（市发改委牵头，各地、各部门配合）", "（A、B牵头，C及D按职责分工
  负责）" (A, B lead; C, D are co-responsible), "（A、B等部门按职责分工负责）" or "（国务院各部门分别负责，年内持续
  推进）" (no lead named: every unit leads its own share; a clause without units is the time limit);
* bare: "（市发改委）", "（市发改委，市政府相关部门，各县市区政府）" — a 责任单位 list, read by the plan's lead rule.

A parenthesis is a tail only when every name in it is a body ("…局", "…委", "…政府", "各…"), so an alias
"（以下简称《目录》）" or a number "（2）" stays text. Traditional script (牽頭, 負責) and the spinner's "卖力"
for 负责 are read too.
"""

import re

from dukao.plans.parsing.shapes import COLUMN_SYNONYMS, TRADITIONAL_LABELS, split_names

_OPENING, _CLOSING = "(（", ")）"
_TRIM = " \t\u3000。.；;"
#: Label wordings (the table headers' synonyms, but for 序号 and the task itself) → column key.
LABEL_KEYS = {name: key for key, names in COLUMN_SYNONYMS.items() for name in names if key not in ("seq", "name")}
_ANY_LABEL = re.compile("(" + "|".join(sorted(LABEL_KEYS, key=len, reverse=True)) + r")\s*[:：]")
VALUE_TRIM = " \t\u3000；;，,。."
_CLAUSES = re.compile(r"[,，;；]")
_RESPONSIBLE_VERB = r"(?:负责|負責|卖力|賣力)"
_LEAD = re.compile(rf"^(.+?)(?:牵头|牽頭){_RESPONSIBLE_VERB}?$")
_COOPERATE = re.compile(r"^(.+?)(?:配合|参与|參與|协助|協助|协同|協同)$")
_SHARE = re.compile(rf"^(.+?)(?:按职责分工|按職責分工|分别|分別|共同)?{_RESPONSIBLE_VERB}$")
_TIME = re.compile(r"年|月|季度|底前|持续|持續|长期|長期")
# How the name of a body ends: 局 委 办 政府 部门 管委会 厅 … (simplified and traditional), or a group "各…".
BODY_ENDINGS = tuple("局委办府门会厅室部院所心队团站司行组处区关辦門會廳處隊團組關")


def _trailing_parenthesis(text: str) -> tuple[int, int] | None:
    """Where the parenthesis closing ``text`` (before or after a final "。") opens and where it ends; brackets
    inside it stay whole ("（各县（市、区）政府）")."""
    end = len(text.rstrip(_TRIM))
    if end == 0 or text[end - 1] not in _CLOSING:
        return None
    depth = 0
    for index in range(end - 1, -1, -1):
        depth += (text[index] in _CLOSING) - (text[index] in _OPENING)
        if depth == 0:
            return index, end
    return None


def labelled(inner: str) -> dict[str, str]:
    """The labels in ``inner`` by column key, each value running to the next label:
    "牵头单位：区发改局；配合单位：区财政局" → {"lead": "区发改局", "cooperating": "区财政局"}."""
    found = list(_ANY_LABEL.finditer(inner.translate(TRADITIONAL_LABELS)))
    ends = [match.start() for match in found[1:]] + [len(inner)]
    return {LABEL_KEYS[m.group(1)]: inner[m.end() : end].strip(VALUE_TRIM) for m, end in zip(found, ends, strict=True)}


def _bodies(text: str) -> bool:
    names = split_names(text)
    return bool(names) and all(name.endswith(BODY_ENDINGS) or name.startswith("各") for name in names)


def by_verbs(inner: str) -> dict[str, str] | None:
    """The roles of an unlabelled tail, clause by clause; None when a clause is neither units nor a time."""
    roles: dict[str, list[str]] = {"lead": [], "share": [], "cooperating": [], "plain": [], "deadline": []}
    for clause in (c.strip() for c in _CLAUSES.split(inner)):
        if not clause:
            continue
        for role, pattern in (("lead", _LEAD), ("cooperating", _COOPERATE), ("share", _SHARE)):
            if (match := pattern.match(clause)) and _bodies(match.group(1)):
                roles[role].append(match.group(1))
                break
        else:
            if _bodies(clause):
                roles["plain"].append(clause)
            elif _TIME.search(clause) and any(roles.values()):
                roles["deadline"].append(clause)
            else:
                return None
    if not any(roles[key] for key in ("lead", "share", "cooperating", "plain")):
        return None
    joined = {role: "、".join(values) for role, values in roles.items()}
    if joined["lead"]:  # 按职责分工负责 beside a lead: co-responsible; bare units beside a lead: cooperating
        labels = {"lead": joined["lead"], "responsible": joined["share"]}
        labels["cooperating"] = "、".join(p for p in (joined["cooperating"], joined["plain"]) if p)
    elif joined["share"]:  # no lead named: every unit leads its own share
        labels = {"lead": "、".join(p for p in (joined["share"], joined["plain"]) if p)}
        labels["cooperating"] = joined["cooperating"]
    else:  # a bare list is a 责任单位 list
        labels = {"responsible": joined["plain"], "cooperating": joined["cooperating"]}
    labels["deadline"] = "，".join(roles["deadline"])
    return {key: value for key, value in labels.items() if value}


def split_tail(text: str) -> tuple[str, dict[str, str]] | None:
    """``text`` without its responsibility tail, and the tail's labels by column key ("lead", "responsible",
    "cooperating", "deadline", …); None when ``text`` ends in no such parenthesis."""
    found = _trailing_parenthesis(text)
    if found is None:
        return None
    start, end = found
    inner = text[start + 1 : end - 1]
    labels = labelled(inner) if _ANY_LABEL.search(inner.translate(TRADITIONAL_LABELS)) else by_verbs(inner)
    if not labels:
        return None
    return text[:start].rstrip() + text[end:].strip(), labels
