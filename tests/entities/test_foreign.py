from qextract.entities.foreign import runs, translit_chars


def test_runs_keep_dotted_parts_together():
    found = runs("导演詹姆斯·卡梅隆出席")
    assert [(run.parts, run.dotted) for run in found if len(run.parts) > 1] == [(("詹姆斯", "卡梅隆"), True)]


def test_hyphen_joined_parts_are_not_dotted():
    found = runs("汤姆-克鲁斯")
    assert found[0].parts == ("汤姆", "克鲁斯") and not found[0].dotted


def test_common_function_characters_are_not_transliteration():
    table = translit_chars()
    assert "斯" in table and "尔" in table
    assert not {"的", "是", "在", "了", "让"} & table
