"""The lesson edit form: departments as tick boxes, kept as child rows."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from deskbook.core.vocabulary import Department


class LessonPageForm(WagtailAdminPageForm):
    departments = forms.MultipleChoiceField(
        choices=Department.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Every department the case concerns.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if page.pk is not None:
            self.initial["departments"] = [
                link.department for link in page.department_links.all()
            ]
        elif self.for_user is not None and "author" in self.fields:
            self.initial.setdefault("author", self.for_user.pk)

    def save(self, commit=True):
        from .models import LessonDepartment

        page = super().save(commit=False)
        page.department_links = [
            LessonDepartment(department=value)
            for value in self.cleaned_data["departments"]
        ]
        if commit:
            page.save()
        return page
