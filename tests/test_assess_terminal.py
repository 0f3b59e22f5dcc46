"""``backpain assess`` in a real pseudo-terminal: whole interviews, as a person types them.

The questions come one screen at a time on stderr and the answers are read from the terminal; these
tests run the bundled knowledge base (the mini one has no assessment section). As in
test_terminal.py nothing sleeps for a fixed time: each test waits for what the screen shows (a
question screen ends with its answer hint, or with its last choice, "Not sure"), and every wait has
the limit ``PATIENCE``, reached only by a command that hangs.
"""

from __future__ import annotations

import io
import re
import sys

import pexpect
import pytest

from tests.test_terminal import ANSI, PATIENCE, base_env, finish, flat

# The end of a question screen: the answer hint of an age or yes/no question (its spaces are
# no-break spaces, so it is never wrapped), or the last choice of a numbered list ("Not sure", or
# "I'd rather not say" for the sex question, which offers no "not sure").
END_OF_SCREEN = r"(?:not\xa0sure\]|لست\xa0متأكدًا\]|\d+\. (?:Not sure|لست متأكدًا|I'd rather not say|أفضّل ألا أقول))\r\n"

# The check's first questions (one per group of warning signs) as the bundled knowledge base asks
# them when each is answered no, in order, after "what comes with it".
GATES_EN = [
    "Did your back pain start after an accident, a fall, a knock or any other injury?",
    "Since your back pain started, has the feeling changed around your genitals",
    "Do you have any pain, numbness, tingling, weakness or clumsiness in your legs",
    "Did your pain come on suddenly and severely",
    "Have you ever had cancer",
    "Is your pain there all the time or worse at night",
    "Do you have a fever, feel generally unwell",
    "Do you have thin bones (osteoporosis)",
    "Are you pregnant?",
    "Did your back pain start before you were 45",
    "Has your pain lasted more than a few weeks",
]
GATES_AR = [
    "هل بدأ ألم ظهرك بعد حادث أو سقوط أو ضربة أو أي إصابة أخرى؟",
    "منذ بدء ألم ظهرك، هل تغيّر الإحساس حول أعضائك التناسلية",
    "هل تشعر بأي ألم أو خدر أو تنميل أو ضعف",
    "هل بدأ ألمك فجأة وبشدة",
    "هل أصبت بالسرطان في أي وقت",
    "هل ألمك موجود طوال الوقت أو يشتد في الليل",
    "هل لديك حمّى، أو تشعر بتوعّك عام",
    "هل لديك هشاشة في العظام",
    "هل أنتِ حامل؟",
    "هل بدأ ألم ظهرك قبل أن تبلغ 45 عاماً",
    "هل استمر ألمك أكثر من بضعة أسابيع",
]

# "None of these" in the list of what comes with the pain (its choices, then none, then not sure).
WITH_NONE = 14

WHERE_EN = [
    "Lower back",
    "Upper or middle back",
    "Between the shoulder blades",
    "Neck",
    "One side of the back",
    "Both sides of the back",
    "Buttock",
    "Tailbone",
    "Groin",
    "Side, between the ribs and the hip (flank)",
    "Down one leg, not below the knee",
    "Down one leg, below the knee",
    "Both legs",
    "In the tummy too",
    "Not sure",
]

HEADING = re.compile(r"— .+ —")
PROGRESS_EN = re.compile(r"Question (\d+) of about (\d+):")


def spawn_assess(*args: str, columns: int = 100) -> pexpect.spawn:
    """``backpain assess`` with the bundled knowledge base in a pseudo-terminal of the given width;
    everything the terminal shows is kept in ``child.logfile_read``."""
    env = {k: v for k, v in base_env().items() if k not in ("COLUMNS", "LINES")}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "backpain_cli", "assess", *args],
        env=env,
        encoding="utf-8",
        timeout=PATIENCE,
        dimensions=(40, columns),
    )
    child.logfile_read = io.StringIO()
    return child


def answer(child: pexpect.spawn, question: str, reply: str) -> str:
    """Wait for the next question screen to end, check that it asks ``question`` and was not asked
    again after an unclear answer, then type ``reply``; the screen's words (see ``flat``)."""
    child.expect(END_OF_SCREEN)
    screen = flat((child.before or "") + child.after)
    assert question in screen, screen
    assert "Please" not in screen and "يرجى" not in screen, screen
    child.sendline(reply)
    return screen


def transcript(child: pexpect.spawn) -> str:
    """Everything the terminal has shown so far, without colour codes."""
    return ANSI.sub("", child.logfile_read.getvalue())


def progress(text: str) -> list[tuple[int, int]]:
    return [(int(number), int(total)) for number, total in PROGRESS_EN.findall(flat(text))]


def full_english_interview(child: pexpect.spawn) -> str:
    """Answer every question of an interview with no warning sign; the words shown after the last answer."""
    answer(child, "Question 1 of about", "45")
    answer(child, "Are you female or male?", "1")
    answer(child, "How did the pain begin?", "1")
    answer(child, "Do you have any of these as well?", str(WITH_NONE))
    for gate in GATES_EN:
        answer(child, gate, "no")
    answer(child, "How long have you had this pain?", "2")
    answer(child, "Is this the first time, or does it keep coming back?", "1")
    answer(child, "Where do you feel it?", "1,7")  # several at once: lower back and buttock
    answer(child, "What makes it worse?", "1")
    answer(child, "What makes it better?", "3")
    child.expect("Possible causes, most likely first")
    return flat(child.after + finish(child))


def test_full_english_interview_ends_with_the_possible_causes() -> None:
    child = spawn_assess()
    results = full_english_interview(child)
    shown = transcript(child)
    assert "Traceback" not in shown
    assert "Please" not in shown  # every answer, "1,7" too, was understood the first time
    words = flat(shown)
    assert "No red flag reported" in words
    assert "EMERGENCY" not in words and "stopping the questions here" not in words
    assert "Most back pain gets better within a few weeks or months" in words
    assert "Muscle strain" in results
    assert "Buttock" in results  # the second of the two places chosen counts too
    # The exit status is the one the advice on the screen stands for (docs/assess.md).
    if "Self-care is a reasonable start" in words:
        assert child.exitstatus == 0
    else:
        assert "See a GP or physiotherapist: book an appointment" in words
        assert child.exitstatus == 3


def test_emergency_answer_stops_the_questions_at_once() -> None:
    child = spawn_assess()
    answer(child, "How old are you?", "52")
    answer(child, "Are you female or male?", "2")
    answer(child, "How did the pain begin?", "3")
    menu = answer(child, "Do you have any of these as well?", "Problems peeing or pooing")
    assert "5. Problems peeing or pooing" in menu
    answer(child, "Did your back pain start after an accident", "no")
    # "Problems peeing" has answered the cauda equina gate yes: its signs come next.
    sign = answer(child, "Is the skin around your genitals, bottom or inner thighs numb", "yes")
    child.expect_exact("An emergency sign was reported: stopping the questions here.")
    rest = flat(finish(child))
    assert child.exitstatus == 5
    assert "EMERGENCY" in rest
    assert "Call the emergency number or go to an emergency department now" in rest
    assert "Possible causes" not in rest  # no list of causes beside an emergency
    assert "Question" not in rest  # nothing more was asked
    shown = transcript(child)
    assert "Traceback" not in shown
    assert [number for number, _ in progress(shown)] == [1, 2, 3, 4, 5, 6]
    assert progress(sign)[-1][0] == 6


def test_not_sure_to_a_gate_asks_its_signs() -> None:
    child = spawn_assess()
    answer(child, "How old are you?", "45")
    answer(child, "Are you female or male?", "1")
    answer(child, "How did the pain begin?", "not sure")  # words, not only numbers
    answer(child, "Do you have any of these as well?", str(WITH_NONE))
    answer(child, "Did your back pain start after an accident, a fall", "not sure")
    answer(child, "Did your back pain start after a serious accident", "no")  # the injury group's signs
    answer(child, "Did your back pain start after a recent fall, knock", "no")
    answer(child, "Since your back pain started, has the feeling changed", "no")  # then the next group
    child.expect(END_OF_SCREEN)
    assert "Do you have any pain, numbness, tingling" in flat(child.before or "")
    child.sendintr()
    finish(child)
    assert child.exitstatus == 130
    assert "Traceback" not in transcript(child)


def test_not_sure_to_an_emergency_sign_ends_as_an_emergency() -> None:
    child = spawn_assess()
    answer(child, "How old are you?", "45")
    answer(child, "Are you female or male?", "2")
    answer(child, "How did the pain begin?", "1")
    answer(child, "Do you have any of these as well?", "none")
    answer(child, "Did your back pain start after an accident, a fall", "not sure")
    answer(child, "Did your back pain start after a serious accident", "not sure")
    child.expect_exact("An emergency sign was reported: stopping the questions here.")
    rest = flat(finish(child))
    assert child.exitstatus == 5
    assert "EMERGENCY" in rest
    assert "(you were not sure)" in rest
    assert "“not sure” counts as yes" in rest
    assert "Question" not in rest and "Possible causes" not in rest
    assert "Traceback" not in transcript(child)


def test_full_arabic_interview_with_arabic_answers() -> None:
    child = spawn_assess("--lang", "ar")
    first = answer(child, "السؤال 1 من نحو", "٤٥")  # Arabic-Indic digits
    assert "كم عمرك؟" in first
    answer(child, "هل أنت أنثى أم ذكر؟", "١")
    answer(child, "كيف بدأ الألم؟", "١")
    answer(child, "هل لديك أيٌّ مما يلي أيضًا؟", "لا شيء")
    for gate in GATES_AR:
        answer(child, gate, "لا")
    answer(child, "منذ متى تعاني من هذا الألم؟", "٢")
    answer(child, "هل هذه أول مرة، أم أن الألم يعود مرة بعد مرة؟", "١")
    answer(child, "أين تشعر بالألم؟", "١ و ٧")  # lower back and buttock, joined by Arabic "and"
    answer(child, "ما الذي يزيد الألم سوءًا؟", "١")
    last = answer(child, "ما الذي يخفف الألم؟", "٣")
    assert "السؤال 20 من نحو 20" in last
    child.expect("أسباب محتملة، الأرجح أولًا")
    results = flat(child.after + finish(child))
    words = flat(transcript(child))
    assert "Traceback" not in words
    assert "يرجى" not in words  # every Arabic answer was understood the first time
    assert "لم تُذكر أي علامة خطر" in words
    assert "الرِّدف أو الردفان" in results  # the second place chosen counts too
    assert "Question" not in words and "Possible causes" not in words  # no English screens
    if "العناية الذاتية بداية معقولة" in words:
        assert child.exitstatus == 0
    else:
        assert child.exitstatus == 3


def test_arabic_not_sure_to_an_emergency_sign() -> None:
    child = spawn_assess("--lang", "ar")
    answer(child, "السؤال 1 من نحو", "٤٥")
    answer(child, "هل أنت أنثى أم ذكر؟", "٢")
    answer(child, "كيف بدأ الألم؟", "٣")
    answer(child, "هل لديك أيٌّ مما يلي أيضًا؟", str(WITH_NONE).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")))
    answer(child, GATES_AR[0], "لا")
    answer(child, GATES_AR[1], "لست متأكدًا")  # an unsure gate opens its signs
    answer(child, "هل تشعر بخدر أو تنميل في الجلد حول أعضائك التناسلية", "لست متأكدًا")
    child.expect_exact("أُبلغ عن علامة طارئة: توقفت الأسئلة هنا.")
    rest = flat(finish(child))
    assert child.exitstatus == 5
    assert "طارئ" in rest and "(لم تكن متأكدًا)" in rest
    assert "السؤال" not in rest and "أسباب محتملة" not in rest
    assert "Traceback" not in transcript(child)


@pytest.mark.parametrize("moment", ["age", "choices", "warning sign"])
def test_ctrl_c_leaves_cleanly(moment: str) -> None:
    child = spawn_assess()
    if moment != "age":
        answer(child, "How old are you?", "45")
        answer(child, "Are you female or male?", "2")
    if moment == "warning sign":
        answer(child, "How did the pain begin?", "1")
        answer(child, "Do you have any of these as well?", str(WITH_NONE))
    child.expect(END_OF_SCREEN)  # the program is now waiting for an answer
    child.sendintr()
    child.expect_exact("Assessment stopped before the end")
    rest = finish(child)
    assert child.exitstatus == 130
    shown = transcript(child)
    assert "Traceback" not in shown and "KeyboardInterrupt" not in shown
    assert "Possible causes" not in shown and "Question" not in rest


def test_sixty_columns_questions_fit_and_choices_stay_readable() -> None:
    child = spawn_assess(columns=60)
    full_english_interview(child)
    assert child.exitstatus in (0, 3)
    lines = transcript(child).replace("\r\n", "\n").split("\n")
    # Headings of the groups of warning signs are left to the next test.
    too_wide = [line for line in lines if len(line) > 60 and not HEADING.fullmatch(line)]
    assert not too_wide, too_wide
    # Each choice of "where" whole on its own line, its number right-aligned.
    for number, text in enumerate(WHERE_EN, start=1):
        assert f"{number:>4}. {text}" in lines, text
    assert "   1. Lower back" in lines
    assert any(line.startswith("Question 18 of about 20: Where do you feel it?") for line in lines)


def test_sixty_columns_group_headings_fit() -> None:
    child = spawn_assess(columns=60)
    answer(child, "How old are you?", "45")
    answer(child, "Are you female or male?", "2")
    answer(child, "How did the pain begin?", "1")
    answer(child, "Do you have any of these as well?", str(WITH_NONE))
    answer(child, GATES_EN[0], "no")
    child.expect(END_OF_SCREEN)
    assert GATES_EN[1] in flat(child.before or "")
    child.sendintr()
    finish(child)
    assert child.exitstatus == 130
    lines = transcript(child).replace("\r\n", "\n").split("\n")
    assert any(line.startswith("— Cauda equina") for line in lines)
    too_wide = [line for line in lines if len(line) > 60 and HEADING.fullmatch(line)]
    assert not too_wide, too_wide


def test_sixty_columns_ctrl_c_message_fits() -> None:
    child = spawn_assess(columns=60)
    answer(child, "How old are you?", "45")
    child.expect(END_OF_SCREEN)
    child.sendintr()
    child.expect_exact("Assessment stopped before the end")
    finish(child)
    assert child.exitstatus == 130
    lines = transcript(child).replace("\r\n", "\n").split("\n")
    too_wide = [line for line in lines if len(line) > 60]
    assert not too_wide, too_wide


def test_progress_line_counts_up() -> None:
    child = spawn_assess()
    child.expect(END_OF_SCREEN)
    first = flat(child.before or "")
    assert re.search(r"Question 1 of about \d+: How old are you\?", first), first
    child.sendline("45")
    answer(child, "Question 2 of about", "1")
    answer(child, "Question 3 of about", "1")
    answer(child, "Question 4 of about", str(WITH_NONE))
    for gate in GATES_EN:
        answer(child, gate, "no")
    answer(child, "Question 16 of about", "2")
    for _ in range(3):
        answer(child, "Question", "1")
    answer(child, "Question 20 of about 20", "1")
    finish(child)
    assert child.exitstatus in (0, 3)
    shown = progress(transcript(child))
    assert [number for number, _ in shown] == list(range(1, 21))  # one more for each question
    assert all(total >= number for number, total in shown)
    assert shown[-1] == (20, 20)  # the last question knows it is the last
