"""The console's navigation: one entry per page, in menu order. A new page adds its
router to ``console/router.py`` and its entry here."""

from dataclasses import dataclass

__all__ = ["NAV", "NavItem"]


@dataclass(frozen=True)
class NavItem:
    path: str
    label: str  # a key of ``i18n.TEXTS``
    is_admin_only: bool = False


NAV: tuple[NavItem, ...] = (
    NavItem("/staff/", "nav.home"),
    NavItem("/staff/inbox", "nav.inbox"),
    NavItem("/staff/tester", "nav.tester"),
    NavItem("/staff/conversations", "nav.conversations"),
    NavItem("/staff/unanswered", "nav.unanswered"),
    NavItem("/staff/regression", "nav.regression"),
    NavItem("/staff/catalogue", "nav.catalogue"),
    NavItem("/staff/dossiers", "nav.dossiers"),
    NavItem("/staff/feedback", "nav.feedback"),
    NavItem("/staff/accounts", "nav.accounts", is_admin_only=True),
    NavItem("/staff/tokens", "nav.tokens", is_admin_only=True),
)
