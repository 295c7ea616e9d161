import datetime

import factory

from deskbook.core.vocabulary import CollectionStage
from workforce.people.models import Channel, PartnerAgency, Staff, Team, TeamMembership


class PartnerAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerAgency

    name = factory.Sequence(lambda n: f"Partner agency {n}")


class StaffFactory(factory.django.DjangoModelFactory):
    """A person; ``team=`` makes them a member of it from their hire date."""

    class Meta:
        model = Staff
        skip_postgeneration_save = True

    employee_number = factory.Sequence(lambda n: f"T{n:05d}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    job_title = Staff.JobTitle.DESK_COLLECTOR
    hired_on = datetime.date(2024, 1, 15)

    @factory.post_generation
    def team(staff, create, extracted, **kwargs):
        if create and extracted is not None:
            TeamMembership.objects.create(
                staff=staff, team=extracted, valid_from=staff.hired_on
            )


class TeamFactory(factory.django.DjangoModelFactory):
    """A team; ``lead=<user>`` makes that sign-in's person (created if need be)
    one of its leads."""

    class Meta:
        model = Team
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Desk squad {n}")
    slug = factory.Sequence(lambda n: f"desk-squad-{n}")
    stage = CollectionStage.EARLY
    channel = Channel.DESK

    @factory.post_generation
    def lead(team, create, extracted, **kwargs):
        if not (create and extracted is not None):
            return
        staff = Staff.objects.filter(user=extracted).first() or StaffFactory(
            user=extracted,
            job_title=Staff.JobTitle.TEAM_LEAD,
            first_name=extracted.first_name,
            last_name=extracted.last_name,
        )
        team.leads.add(staff)
