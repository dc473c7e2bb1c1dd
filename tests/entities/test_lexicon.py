from qextract.entities.lexicon import lexicon, user_dictionary_words


def test_compound_surnames_win():
    lex = lexicon()
    assert lex.surname_at("欧阳明", 0) == "欧阳"
    assert lex.surname_at("上官云", 0) == "上官"
    assert lex.surname_at("司马文", 0) == "司马"
    assert lex.surname_at("王明", 0) == "王"
    assert lex.surname_at("的确", 0) is None


def test_gazetteer_has_short_forms_down_to_counties():
    lex = lexicon()
    assert lex.division("桐乡").name == "桐乡市"
    assert lex.division("奉贤").name == "奉贤区"
    assert lex.division("西藏").level == "province"
    assert lex.division("无锡").level == "prefecture"


def test_post_variants_and_categories():
    lex = lexicon()
    assert lex.post_category("副省长") == "gov"
    assert lex.post_category("党组副书记") == "party"
    assert lex.post_category("原副局长") == "gov"
    assert lex.post_category("常务副会长") == "association"
    assert lex.post_category("记者") == "occupation"


def test_user_dictionary_keeps_posts_and_bodies():
    words = dict(user_dictionary_words())
    for word in ("副省长", "党组书记", "市场监管局", "工商联", "桐乡市"):
        assert word in words


def test_pure_python_scan_matches_the_automaton(monkeypatch):
    import qextract.entities.automaton as automaton

    words = [("副省长", "post"), ("省长", "post"), ("局", "suffix"), ("市场监管", "stem")]
    text = "省市场监管局副省长局"
    fast = dict(automaton.WordIndex(words).starts(text))
    monkeypatch.setattr(automaton, "ahocorasick", None)
    assert dict(automaton.WordIndex(words).starts(text)) == fast


def test_glued_post_words_are_split_but_posts_stay():
    from qextract.entities.lexicon import glued_post_words

    vocabulary = [("协会会长", "n"), ("本报记者", "n"), ("副局长", "n"), ("一无所长", "i"), ("会长", "n")]
    assert glued_post_words(vocabulary) == ["协会会长", "本报记者"]


def test_common_surnames_score_above_rare_ones():
    lex = lexicon()
    assert lex.surname_score("王") > lex.surname_score("但")
    assert lex.surname_score("李") > lex.surname_score("玉")


def test_word_list_knows_words_that_open_like_names():
    lex = lexicon()
    assert lex.common_words.get("冷清") == "word"
    assert lex.common_words.get("柏林") == "place"
    assert "温格" in lex.foreign_names


def test_credit_words_fit_the_lengths_the_credit_reader_tries():
    from qextract.entities.persons import _CREDIT_WORD_SIZES

    assert {len(word) for word in lexicon().byline_before if len(word) >= 2} <= set(_CREDIT_WORD_SIZES)


def test_surnames_that_text_hardly_holds_score_as_surnames():
    lex = lexicon()
    assert lex.surname_score("仉") > 0  # never seen as a surname, hardly ever in running text
    assert lex.surname_score("充") < 0  # never seen as a surname, common in running text (充分)
