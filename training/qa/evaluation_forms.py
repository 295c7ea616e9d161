"""Admin forms of evaluations, disputes, coaching and calibration. The
scorecard's items become the form's fields: one answer and one comment each."""

from django import forms

from workforce.people.models import Staff

from .calculations.agreement import DEFAULT_AMBIGUITY_THRESHOLD
from .models import Call, Evaluation, Item, ItemAnswer, Scorecard, ScorecardVersion

NA = ("na", "N/A")


def answer_choices(item: Item) -> list[tuple[str, str]]:
    if item.kind == "yes_no":
        choices = [("yes", "Yes"), ("no", "No")]
    else:
        choices = [(str(n), str(n)) for n in range(item.scale_max + 1)]
    return [*choices, NA] if item.allows_na else choices


def groups_of(version) -> list[tuple[str, list[Item]]]:
    """A version's sections (prefetched with their items) as form groups."""
    return [
        (
            f"{section.title} (weight {section.weight.normalize():f})",
            list(section.items.all()),
        )
        for section in version.sections.all()
    ]


class ItemAnswersForm(forms.Form):
    """One answer field ``item_<pk>`` (and ``comment_<pk>`` with ``comments``)
    per item of ``groups``: (heading, items) pairs."""

    def __init__(self, *args, groups, required: bool = False, comments=True, **kw):
        super().__init__(*args, **kw)
        self.sections = []
        for section, items in groups:
            rows = []
            for item in items:
                name = f"item_{item.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=item.text,
                    choices=[("", "—"), *answer_choices(item)],
                    required=required,
                    widget=forms.RadioSelect,
                    help_text=(
                        f"Critical: {item.rule_reference}".strip(": ")
                        if item.critical
                        else ""
                    ),
                )
                if comments:
                    self.fields[f"comment_{item.pk}"] = forms.CharField(
                        label="Comment",
                        required=False,
                        widget=forms.Textarea({"rows": 2}),
                    )
                rows.append(item)
            self.sections.append((section, rows))

    def item_rows(self):
        """(section, [(item, answer field, comment field)]) for the template."""
        return [
            (
                section,
                [
                    (
                        item,
                        self[f"item_{item.pk}"],
                        self[f"comment_{item.pk}"]
                        if f"comment_{item.pk}" in self.fields
                        else None,
                    )
                    for item in items
                ],
            )
            for section, items in self.sections
        ]

    def answers_given(self) -> dict[int, tuple[str, str]]:
        return {
            item.pk: (
                self.cleaned_data.get(f"item_{item.pk}", ""),
                self.cleaned_data.get(f"comment_{item.pk}", ""),
            )
            for _, items in self.sections
            for item in items
        }


class EvaluationForm(ItemAnswersForm):
    summary = forms.CharField(
        label="Overall comment", required=False, widget=forms.Textarea({"rows": 3})
    )

    @classmethod
    def initial_from(cls, evaluation: Evaluation | None) -> dict:
        if evaluation is None:
            return {}
        initial = {"summary": evaluation.summary}
        for answer in ItemAnswer.objects.filter(evaluation=evaluation):
            initial[f"item_{answer.item_id}"] = answer.answer
            initial[f"comment_{answer.item_id}"] = answer.comment
        return initial


class DisputeForm(forms.Form):
    items = forms.ModelMultipleChoiceField(
        queryset=Item.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Items you dispute",
    )
    reason = forms.CharField(widget=forms.Textarea({"rows": 4}))

    def __init__(self, *args, evaluation: Evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = Item.objects.filter(
            section__version_id=evaluation.version_id
        ).order_by("section__sort_order", "sort_order")


class DecideForm(ItemAnswersForm):
    decision = forms.ChoiceField(
        choices=[("uphold", "Uphold: correct the items"), ("reject", "Reject")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Decision note", required=False, widget=forms.Textarea({"rows": 3})
    )
    for_calibration = forms.BooleanField(
        label="Bring this call to the next calibration session", required=False
    )


class CoachingForm(forms.Form):
    evaluations = forms.ModelMultipleChoiceField(
        queryset=Evaluation.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    focus_items = forms.ModelMultipleChoiceField(
        queryset=Item.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agreed_actions = forms.CharField(widget=forms.Textarea({"rows": 4}))
    follow_up_on = forms.DateField(
        label="Follow-up date", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, evaluations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluations"].queryset = evaluations
        self.fields["focus_items"].queryset = Item.objects.filter(
            section__version__evaluations__in=evaluations
        ).distinct()


class SampleDrawForm(forms.Form):
    period = forms.DateField(
        label="A day of the month to sample",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    scorecard = forms.ModelChoiceField(queryset=Scorecard.objects.all())
    minimum_per_collector = forms.IntegerField(min_value=0, initial=4)
    extra_calls = forms.FloatField(
        min_value=0,
        initial=0,
        help_text="Expected number of risk-weighted calls beyond the minimum.",
    )
    seed = forms.IntegerField(
        required=False,
        min_value=0,
        help_text="Leave blank for a fresh one; the seed used is stored.",
    )


class CalibrationSessionForm(forms.Form):
    title = forms.CharField(max_length=120)
    held_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    version = forms.ModelChoiceField(
        queryset=ScorecardVersion.objects.select_related("scorecard"),
        label="Scorecard version",
    )
    analysts = forms.ModelMultipleChoiceField(
        queryset=Staff.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    call_ids = forms.CharField(
        label="Call ids",
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text="One a line or separated by commas. Calls of disputes marked "
        "for calibration join the session too.",
    )
    threshold = forms.FloatField(
        initial=DEFAULT_AMBIGUITY_THRESHOLD,
        min_value=0,
        max_value=1,
        help_text="Items whose Krippendorff's alpha falls below it are flagged "
        "ambiguous.",
    )

    def __init__(self, *args, analysts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["analysts"].queryset = analysts

    def clean_call_ids(self):
        ids = [
            part.strip()
            for part in self.cleaned_data["call_ids"].replace(",", "\n").splitlines()
            if part.strip()
        ]
        calls = list(Call.objects.filter(call_id__in=ids))
        unknown = sorted(set(ids) - {call.call_id for call in calls})
        if unknown:
            raise forms.ValidationError(f"Unknown call ids: {', '.join(unknown)}.")
        return calls
