from wagtail import hooks

from .panels import WelcomePanel


@hooks.register("construct_homepage_panels")
def add_welcome_panel(request, panels):
    panels.append(WelcomePanel(request))
