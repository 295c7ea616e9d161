"""The decoded-postings cache against a real Whoosh index on disk."""

from whoosh import fields, index

from deskbook.search.whoosh.postings import PostingsCache


def make_index(folder, texts):
    schema = fields.Schema(key=fields.ID(stored=True), body=fields.TEXT)
    ix = index.create_in(str(folder), schema)
    with ix.writer() as writer:
        for n, text in enumerate(texts):
            writer.add_document(key=str(n), body=text)
    return ix


def postings_of(cache, ix, word):
    with ix.searcher() as searcher:
        return [
            (offset, list(ids), list(weights))
            for sub, offset in searcher.leaf_searchers()
            for ids, weights in [cache.postings(sub.reader(), "body", word)]
        ]


def test_cached_postings_equal_the_segment_and_follow_new_segments(tmp_path):
    ix = make_index(tmp_path, ["debt letter", "letter letter", "phone call"])
    cache = PostingsCache(max_postings=1000)

    first = postings_of(cache, ix, "letter")
    assert first == [(0, [0, 1], [1.0, 2.0])]
    assert postings_of(cache, ix, "letter") == first  # served from the cache

    with ix.writer() as writer:  # a second segment
        writer.add_document(key="3", body="letter of demand")
    assert postings_of(cache, ix, "letter") == [
        (0, [0, 1], [1.0, 2.0]),
        (3, [0], [1.0]),
    ]

    ix.optimize()  # one new segment, with its own id
    assert postings_of(cache, ix, "letter") == [(0, [0, 1, 3], [1.0, 2.0, 1.0])]


def test_absent_terms_are_empty(tmp_path):
    ix = make_index(tmp_path, ["debt letter"])
    assert postings_of(PostingsCache(), ix, "absent") == [(0, [], [])]


def test_least_recently_used_terms_go_first_when_full(tmp_path):
    ix = make_index(tmp_path, ["alpha beta", "alpha gamma", "beta gamma"])
    cache = PostingsCache(max_postings=4)
    postings_of(cache, ix, "alpha")  # 2 postings
    postings_of(cache, ix, "beta")  # 2 postings: full
    postings_of(cache, ix, "alpha")  # alpha is now the most recent
    postings_of(cache, ix, "gamma")  # 2 more: beta goes
    kept = {key[2] for key in cache._entries}
    assert kept == {"alpha", "gamma"}
    assert cache._size == 4


def test_a_zero_size_cache_keeps_nothing(tmp_path):
    ix = make_index(tmp_path, ["debt letter"])
    cache = PostingsCache(max_postings=0)
    assert postings_of(cache, ix, "debt") == [(0, [0], [1.0])]
    assert not cache._entries
