"""StreamField blocks shared by the site's pages."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


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


class QuoteBlock(blocks.StructBlock):
    """A pull quote with who said it, such as a spokesperson in a press release."""

    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(max_length=120, required=False)

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote.html"


class FigureBlock(blocks.StructBlock):
    """An image with required alt text (or marked decorative) and a caption."""

    image = ImageBlock()
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "core/blocks/figure.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        max_length=120, form_classname="title", template="core/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ol", "ul", "hr"]
    )
    callout = CalloutBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    embed = EmbedBlock(
        help_text="A YouTube or Vimeo address, shown in the privacy-friendly player.",
        template="core/blocks/embed.html",
    )
