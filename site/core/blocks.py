"""StreamField blocks shared by the site's pages."""

from wagtail import blocks


class CalloutBlock(blocks.StructBlock):
    """A highlighted box for a warning or a tip, such as "we never ask for PINs"."""

    tone = blocks.ChoiceBlock(
        choices=[("info", "Information"), ("warning", "Warning")], default="info"
    )
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        template = "core/blocks/callout.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        max_length=120, form_classname="title", template="core/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ol", "ul", "hr"]
    )
    callout = CalloutBlock()
