"""The rows modelsearch's backend contract (``BackendTests``) searches.

modelsearch's suite expects a ``search`` fixture that its wheel does not ship;
these are its books, authors, characters and meetings, plus the animal trees
and the agenda item its tree and nested-relation tests look for. The primary
keys are part of the contract: the tag-facet test picks books by id.
"""

from datetime import date, time

from django.core.management.color import no_style
from django.db import connection
from modelsearch.test.testapp import models

AUTHORS = [
    (1, "George R.R. Martin", date(1948, 9, 20)),
    (2, "J. R. R. Tolkien", date(1892, 1, 3)),
    (4, "Isaac Asimov", date(1920, 1, 2)),
    (5, "David Ascher", None),
    (6, "Mark Lutz", None),
    (7, "Daniel Roy Greenfeld", None),
    (8, "Audrey Roy Greenfeld", None),
    (9, "Douglas Crockford", None),
    (10, "David Flanagan", None),
    (11, "Steve Klabnik", None),
    (12, "Carol Nichols", None),
    (13, "Jim Blandy", None),
    (14, "Jason Orendorff", None),
]

# (id, title, author ids, published, pages)
NOVELS = {
    "Westeros": [
        (1, "A Game of Thrones", [1], date(1996, 8, 1), 694),
        (2, "A Clash of Kings", [1], date(1998, 1, 1), 768),
        (3, "A Storm of Swords", [1], date(2000, 1, 1), 973),
    ],
    "Middle Earth": [
        (4, "The Fellowship of the Ring", [2], date(1954, 7, 29), 423),
        (5, "The Two Towers", [2], date(1954, 11, 11), 352),
        (6, "The Return of the King", [2], date(1955, 10, 20), 440),
        (7, "The Hobbit", [2], date(1937, 9, 21), 320),
    ],
    "Galactic Empire": [
        (10, "Foundation", [4], date(1951, 1, 1), 255),
    ],
}
PROGRAMMING_GUIDES = {
    "py": [
        (11, "Learning Python", [5, 6], date(1999, 1, 1), 1160),
        (12, "Two Scoops of Django 1.11", [7, 8], date(2017, 4, 26), 556),
    ],
    "js": [
        (13, "JavaScript: The good parts", [9], date(2008, 5, 18), 172),
        (14, "JavaScript: The Definitive Guide", [10], date(1998, 6, 11), 792),
    ],
    "rs": [
        (15, "The Rust Programming Language", [11, 12], date(2018, 5, 22), 440),
    ],
}
# A book that is neither a novel nor a guide.
PLAIN_BOOKS = [
    (16, "Programming Rust", [13, 14], date(2017, 12, 1), 622),
]

# (id, name, novel id)
CHARACTERS = [
    (1, "Daenerys Targaryen", 1),
    (2, "Jon Snow", 1),
    (3, "Eddard Stark", 1),
    (4, "Daenerys Targaryen", 2),
    (5, "Jon Snow", 2),
    (6, "Daenerys Targaryen", 3),
    (7, "Jon Snow", 3),
    (8, "Frodo Baggins", 4),
    (9, "Bilbo Baggins", 4),
    (10, "Gandalf", 4),
    (11, "Frodo Baggins", 5),
    (12, "Bilbo Baggins", 5),
    (13, "Gandalf", 5),
    (14, "Frodo Baggins", 6),
    (15, "Bilbo Baggins", 6),
    (16, "Gandalf", 6),
    (17, "Bilbo Baggins", 7),
    (18, "Thorin Oakenshield", 7),
    (19, "Hari Seldon", 10),
    (20, "Salvor Hardin", 10),
]
# novel id: character id; the other novels have no protagonist.
PROTAGONISTS = {4: 8, 5: 11, 6: 14, 7: 17}

UNINDEXED_BOOKS = [
    (1, "A Game of Thrones U", date(1996, 8, 1), 694),
    (2, "A Clash of Kings U", date(1998, 1, 1), 768),
    (3, "A Storm of Swords U", date(2000, 1, 1), 973),
    (4, "The Fellowship of the Ring U", date(1954, 7, 29), 423),
]

MEETINGS = [
    (1, "Breakfast yoga", time(8, 0)),
    (2, "Stand-up meeting", time(10, 0)),
    (3, "Evening yoga", time(19, 30)),
]


def create_contract_data():
    """Create every row the contract searches, with the ids it expects."""
    for pk, name, born in AUTHORS:
        models.Author.objects.create(pk=pk, name=name, date_of_birth=born)
    for setting, books in NOVELS.items():
        create_books(models.Novel, books, setting=setting)
    for language, books in PROGRAMMING_GUIDES.items():
        create_books(models.ProgrammingGuide, books, programming_language=language)
    create_books(models.Book, PLAIN_BOOKS)
    for pk, name, novel_id in CHARACTERS:
        models.Character.objects.create(pk=pk, name=name, novel_id=novel_id)
    for novel_id, character_id in PROTAGONISTS.items():
        models.Novel.objects.filter(pk=novel_id).update(protagonist_id=character_id)
    for pk, title, published, pages in UNINDEXED_BOOKS:
        models.UnindexedBook.objects.create(
            pk=pk, title=title, publication_date=published, number_of_pages=pages
        )
    for pk, name, start in MEETINGS:
        models.Meeting.objects.create(pk=pk, name=name, start_time=start)
    continue_sequences_after_given_ids(
        [
            models.Author,
            models.Book,
            models.Character,
            models.UnindexedBook,
            models.Meeting,
        ]
    )

    standup = models.Meeting.objects.get(name="Stand-up meeting")
    item = models.AgendaItem.objects.create(meeting=standup, topic="Detective stories")
    models.Speaker.objects.create(agenda_item=item, name="Arthur Conan Doyle")
    add_animal_tree(models.MPAnimal)
    add_animal_tree(models.NSAnimal)


def create_books(model, books, **fields):
    for pk, title, author_ids, published, pages in books:
        book = model.objects.create(
            pk=pk,
            title=title,
            publication_date=published,
            number_of_pages=pages,
            **fields,
        )
        book.authors.set(author_ids)


def continue_sequences_after_given_ids(model_list):
    # Rows created with explicit ids leave PostgreSQL's sequences at 1, and the
    # contract's own inserts would then collide with them (loaddata does the same).
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def add_animal_tree(model):
    animal = model.add_root(name="Animal")
    mammal = animal.add_child(name="Mammal")
    mammal.add_child(name="Dog")
    mammal.add_child(name="Cat")
    animal.add_child(name="Reptile")
