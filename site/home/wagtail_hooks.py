from wagtail import hooks

from deskbook.core.hooks import BOOTSTRAP

from .bootstrap import bootstrap_home

hooks.register(BOOTSTRAP, fn=bootstrap_home, order=0)
