"""The pages of training: the *Training & quality* menu (courses, sessions
with the session page, enrolments, certificates, the refresher due list),
*My training*, the printable certificate and the reports. Every page
refuses with a 403."""

from .listings import CertificateViewSet, CourseViewSet, EnrolmentViewSet
from .my_training import MyTrainingViewSet, certificate_urls
from .reports import RefreshersDueViewSet, TrainingReportsViewSet
from .sessions import SessionViewSet

__all__ = ["certificate_urls", "training_viewsets"]


def training_viewsets():
    return [
        CourseViewSet("courses"),
        SessionViewSet("courses_sessions"),
        EnrolmentViewSet("courses_enrolments"),
        CertificateViewSet("courses_certificates"),
        MyTrainingViewSet(),
        RefreshersDueViewSet(),
        TrainingReportsViewSet(),
    ]
