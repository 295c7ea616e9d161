import datetime

import factory

from deskbook.core.vocabulary import CollectionStage
from workforce.models import Channel, Staff, Team


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Desk squad {n}")
    slug = factory.Sequence(lambda n: f"desk-squad-{n}")
    stage = CollectionStage.EARLY
    channel = Channel.DESK
    lead = None


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff

    employee_number = factory.Sequence(lambda n: f"T{n:05d}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    job_title = Staff.JobTitle.DESK_COLLECTOR
    team = factory.SubFactory("tests.workforce.factories.TeamFactory")
    hired_on = datetime.date(2024, 1, 15)
