from wagtail import hooks

from .dashboard_panels import WelcomePanel


@hooks.register("construct_homepage_panels")
def add_welcome_panel(request, panels):
    panels.append(WelcomePanel(request))
