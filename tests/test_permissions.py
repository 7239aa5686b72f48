"""Permission tables and scope cells, on cells taken from the corpus and the seeds."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.model import PermissionOrder, PermissionState, PermissionTable, Span
from generator.read.inline import Inline, InlineLink, plain
from generator.read.permissions import (
    parse_permission_table,
    parse_scope_cell,
    permission_type,
    scope_alternatives,
    scopes_in_prose,
)

S = PermissionState

# --- building cells the way the reader does ---------------------------------------------


def _inline(raw: str, children: list[Token]) -> Inline:
    """An Inline from markdown-it inline tokens: text, links, code spans, strong runs."""
    text: list[str] = []
    links: list[InlineLink] = []
    code: list[str] = []
    strong: list[str] = []
    href: str | None = None
    link_text: list[str] = []
    strong_text: list[str] | None = None
    for token in children:
        piece = ""
        if token.type in ("text", "code_inline"):
            piece = token.content
            if token.type == "code_inline":
                code.append(piece)
        elif token.type in ("softbreak", "hardbreak"):
            piece = " "
        elif token.type == "link_open":
            href, link_text = str(token.attrs.get("href", "")), []
        elif token.type == "link_close" and href is not None:
            links.append(InlineLink("".join(link_text), href))
            href = None
        elif token.type == "strong_open":
            strong_text = []
        elif token.type == "strong_close" and strong_text is not None:
            strong.append("".join(strong_text))
            strong_text = None
        text.append(piece)
        if href is not None:
            link_text.append(piece)
        if strong_text is not None:
            strong_text.append(piece)
    return Inline("".join(text).strip(), raw, tuple(links), tuple(code), tuple(strong))


def md_cell(raw: str) -> Inline:
    """A cell as markdown-it-py renders it (``<br/>`` is html_inline: not in ``text``)."""
    tokens = MarkdownIt("commonmark").parseInline(raw)
    return _inline(raw, list(tokens[0].children or []) if tokens else [])


def md_table(source: str, first_line: int = 1, file: str = "t.md") -> PermissionTable | None:
    """Parse a Markdown table and hand its header and rows to the permissions reader."""
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    header: list[Inline] = []
    rows: list[tuple[list[Inline], Span]] = []
    cells: list[Inline] = []
    row_span = Span(file, first_line, first_line)
    table_span = row_span
    for index, token in enumerate(tokens):
        lines = token.map or [0, 1]
        if token.type == "table_open":
            table_span = Span(file, first_line + lines[0], first_line + lines[1] - 1)
        elif token.type == "tr_open":
            cells = []
            row_span = Span(file, first_line + lines[0], first_line + lines[1] - 1)
        elif token.type == "inline" and tokens[index - 1].type in ("th_open", "td_open"):
            cells.append(_inline(token.content, list(token.children or [])))
        elif token.type == "tr_close":
            if tokens[index - 1].type == "th_close":
                header = cells
            else:
                rows.append((cells, row_span))
    return parse_permission_table(header, rows, "Permissions", table_span)


BUILDERS: list[Callable[[str], Inline]] = [md_cell, plain]

# --- parse_scope_cell ---------------------------------------------------------------------


@pytest.mark.parametrize("build", BUILDERS, ids=["markdown", "plain"])
@pytest.mark.parametrize(
    ("raw", "state", "scopes"),
    [
        pytest.param(
            "Files.ReadWrite, Files.ReadWrite.All, Sites.ReadWrite.All",
            S.SCOPES,
            ("Files.ReadWrite", "Files.ReadWrite.All", "Sites.ReadWrite.All"),
            id="comma-list",
        ),
        pytest.param("Not supported.", S.NOT_SUPPORTED, (), id="not-supported."),
        pytest.param("Not supported", S.NOT_SUPPORTED, (), id="not-supported"),
        pytest.param("Not Supported.", S.NOT_SUPPORTED, (), id="Not-Supported."),
        pytest.param("Not Supported", S.NOT_SUPPORTED, (), id="Not-Supported"),
        pytest.param("None.", S.NONE, (), id="none."),
        pytest.param("None", S.NONE, (), id="none"),
        pytest.param("n/a", S.NOT_APPLICABLE, (), id="n/a"),
        pytest.param("Not applicable", S.NOT_APPLICABLE, (), id="not-applicable"),
        pytest.param("", S.EMPTY, (), id="empty"),
        pytest.param("   ", S.EMPTY, (), id="blank"),
        pytest.param("**TODO: Determine scopes **", S.TODO, (), id="todo-not-strong"),
        pytest.param("**TODO: Determine AppOnly scopes **", S.TODO, (), id="todo-apponly"),
        pytest.param("**TODO: Determine scopes**", S.TODO, (), id="todo-strong"),
        pytest.param(
            "Policy.Read.All and Application.ReadWrite.All, "
            "Policy.ReadWrite.ApplicationConfiguration and Application.ReadWrite.All",
            S.SCOPES,
            (
                "Policy.Read.All",
                "Application.ReadWrite.All",
                "Policy.ReadWrite.ApplicationConfiguration",
            ),
            id="a-and-b-deduped",
        ),
        pytest.param(
            "DeviceManagementConfiguration.ReadWrite.All DeviceManagementConfiguration.Read.All",
            S.SCOPES,
            (
                "DeviceManagementConfiguration.ReadWrite.All",
                "DeviceManagementConfiguration.Read.All",
            ),
            id="space-separated",
        ),
        pytest.param(
            "For **chat** resource: Chat.ReadBasic, Chat.Read<br/>"
            "For **channel** resource: ChannelMember.Read.All",
            S.SCOPES,
            ("Chat.ReadBasic", "Chat.Read", "ChannelMember.Read.All"),
            id="for-resource-br",
        ),
        pytest.param(
            "For **user** or **chat** resource: Not supported.<br/><br/>"
            "For **channel** resource: TeamMember.Read.Group*, ChannelMember.Read.All",
            S.SCOPES,
            ("TeamMember.Read.Group", "ChannelMember.Read.All"),
            id="for-resource-partly-unsupported",
        ),
        pytest.param(
            "In teams: TeamMember.ReadWrite.All<br/>In channels:  ChannelMember.ReadWrite.All",
            S.SCOPES,
            ("TeamMember.ReadWrite.All", "ChannelMember.ReadWrite.All"),
            id="in-teams-br",
        ),
        pytest.param(
            "Application.Read.All, Application.ReadWrite.All, , Directory.Read.All",
            S.SCOPES,
            ("Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All"),
            id="comma-comma",
        ),
        pytest.param(
            "User.ReadWrite.All, Directory.ReadWrite.All,",
            S.SCOPES,
            ("User.ReadWrite.All", "Directory.ReadWrite.All"),
            id="trailing-comma",
        ),
        pytest.param(
            "User.Read.All,User.ReadWrite.All",
            S.SCOPES,
            ("User.Read.All", "User.ReadWrite.All"),
            id="no-space",
        ),
        pytest.param(
            "Mail.ReadBasic.All , Mail.Read, Mail.ReadWrite",
            S.SCOPES,
            ("Mail.ReadBasic.All", "Mail.Read", "Mail.ReadWrite"),
            id="space-before-comma",
        ),
        pytest.param("Files.ReadWrite.", S.SCOPES, ("Files.ReadWrite",), id="final-period"),
        pytest.param(
            "ChannelMessage.Read.Group*, ChannelMessage.Read.All",
            S.SCOPES,
            ("ChannelMessage.Read.Group", "ChannelMessage.Read.All"),
            id="rsc-star",
        ),
        pytest.param(
            "EduRoster.ReadBasic, EduRoster.Read, or EduRoster.ReadWrite",
            S.SCOPES,
            ("EduRoster.ReadBasic", "EduRoster.Read", "EduRoster.ReadWrite"),
            id="or",
        ),
        pytest.param(
            "EduRoster.ReadWrite.All plus Member.Read.Hidden",
            S.SCOPES,
            ("EduRoster.ReadWrite.All", "Member.Read.Hidden"),
            id="plus",
        ),
        pytest.param(
            "Chat.UpdatePolicyViolation.All for a chat message.</br>"
            "ChannelMessage.UpdatePolicyViolation.All for a channel message.",
            S.SCOPES,
            ("Chat.UpdatePolicyViolation.All", "ChannelMessage.UpdatePolicyViolation.All"),
            id="closing-br",
        ),
        pytest.param(
            "Role required to [create subscription](subscription-post-subscriptions.md) "
            "or Subscription.Read.All (see below).",
            S.SCOPES,
            ("Subscription.Read.All",),
            id="prose-with-link",
        ),
        pytest.param(
            "Role required to [create subscription](subscription-post-subscriptions.md).",
            S.EMPTY,
            (),
            id="prose-without-scope",
        ),
        pytest.param(
            "openid, offline_access, User.Read",
            S.SCOPES,
            ("openid", "offline_access", "User.Read"),
            id="openid",
        ),
        pytest.param(r"offline\_access", S.SCOPES, ("offline_access",), id="escaped"),
        pytest.param("Files.Read, Files.Read", S.SCOPES, ("Files.Read",), id="duplicate"),
        pytest.param("files.read sites.read.all", S.SCOPES, ("files.read", "sites.read.all")),
        pytest.param(  # api/intune-shared-devicecategory-create.md:24 (2021-05-01)
            "DeviceManagementManaged Devices.ReadWrite.All", S.EMPTY, (), id="broken-name"
        ),
        pytest.param(
            "User.Read, DeviceManagementManaged Devices.ReadWrite.All Sites.Read.All",
            S.SCOPES,
            ("User.Read", "Sites.Read.All"),
            id="broken-name-in-a-list",
        ),
    ],
)
def test_parse_scope_cell(
    build: Callable[[str], Inline], raw: str, state: PermissionState, scopes: tuple[str, ...]
) -> None:
    assert parse_scope_cell(build(raw)) == (state, scopes)


def test_todo_cell_is_not_strong_markdown() -> None:
    cell = md_cell("**TODO: Determine scopes **")
    assert cell.strong == ()  # why the reader must look at raw/text, not strong runs
    assert parse_scope_cell(cell) == (S.TODO, ())


def test_scope_cell_without_raw_uses_text() -> None:
    assert parse_scope_cell(Inline("Mail.Read, Mail.Send", "")) == (
        S.SCOPES,
        ("Mail.Read", "Mail.Send"),
    )


# --- scopes_in_prose ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "scopes"),
    [
        (
            "One of the following scopes is required: `Files.ReadWrite`, Files.Read",
            ("Files.ReadWrite", "Files.Read"),
        ),
        ("The following **scopes** are required to execute this API: ", ()),
        ("The following scopes are required to execute this API: ", ()),
        (
            "One of the **delegated** Universal Print "
            "[permissions](/graph/permissions-reference#universal-print-permissions) "
            "is required to call this API.",
            (),
        ),
        (
            "- Profile photo of the signed-in **user** - User.ReadWrite, User.ReadWrite.All",
            ("User.ReadWrite", "User.ReadWrite.All"),
        ),
        ("Use Outlook.com, e.g. graph.microsoft.com, see permissions.md.", ()),
        ("Send email as the user with Mail.Send.", ("Mail.Send",)),
        (
            "Ask for `files.read` and `email`, then offline_access.",
            ("files.read", "email", "offline_access"),
        ),
        ("Requires Sites.Read.All; Sites.Read.All is enough.", ("Sites.Read.All",)),
        ("", ()),
    ],
)
def test_scopes_in_prose(text: str, scopes: tuple[str, ...]) -> None:
    assert scopes_in_prose(text) == scopes


# --- permission_type ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Delegated (work or school account)", "delegated_work"),
        ("Delegated (personal Microsoft account)", "delegated_personal"),
        ("Application", "application"),
        ("delegated  (Work or School account)", "delegated_work"),
        ("Delegated permission (work or school account)", "delegated_work"),
        ("Application permission", "application"),
        ("Delegated", None),
        ("oauth2permissiongrant", None),
        ("", None),
    ],
)
def test_permission_type(label: str, expected: str | None) -> None:
    assert permission_type(label) == expected


# --- parse_permission_table -------------------------------------------------------------------

SEED_000 = """\
|Permission type|Permissions (from most to least privileged)|
|:---|:---|
|Delegated (work or school account)|**TODO: Determine scopes **|
|Delegated (personal Microsoft account)|Not supported.|
|Application|**TODO: Determine AppOnly scopes **|
"""

SEED_002 = """\
|Permission type      | Permissions (from least to most privileged)              |
|:--------------------|:---------------------------------------------------------|
|Delegated (work or school account) | Files.ReadWrite, Files.ReadWrite.All, Sites.ReadWrite.All    |
|Delegated (personal Microsoft account) | Files.ReadWrite, Files.ReadWrite.All    |
|Application | Files.ReadWrite.All, Sites.ReadWrite.All |
"""


def test_seed_000_most_to_least_with_todo_cells() -> None:
    table = md_table(SEED_000, first_line=17, file="seeds/000_e1ea5a682d426b77.txt")
    assert table is not None
    assert table.stated_order is PermissionOrder.MOST_TO_LEAST
    assert table.heading == "Permissions"
    assert table.span == Span("seeds/000_e1ea5a682d426b77.txt", 17, 21)
    got = [(e.permission_type, e.label, e.state, e.scopes, e.span.line) for e in table.entries]
    assert got == [
        ("delegated_work", "Delegated (work or school account)", S.TODO, (), 19),
        ("delegated_personal", "Delegated (personal Microsoft account)", S.NOT_SUPPORTED, (), 20),
        ("application", "Application", S.TODO, (), 21),
    ]
    assert table.entries[0].raw == "**TODO: Determine scopes **"
    assert all(e.resource is None for e in table.entries)


def test_seed_002_least_to_most() -> None:
    table = md_table(SEED_002, first_line=16, file="seeds/002_76d2f35a0160465c.txt")
    assert table is not None
    assert table.stated_order is PermissionOrder.LEAST_TO_MOST
    assert table.span == Span("seeds/002_76d2f35a0160465c.txt", 16, 20)
    assert [(e.permission_type, e.state, e.scopes, e.span.line) for e in table.entries] == [
        (
            "delegated_work",
            S.SCOPES,
            ("Files.ReadWrite", "Files.ReadWrite.All", "Sites.ReadWrite.All"),
            18,
        ),
        ("delegated_personal", S.SCOPES, ("Files.ReadWrite", "Files.ReadWrite.All"), 19),
        ("application", S.SCOPES, ("Files.ReadWrite.All", "Sites.ReadWrite.All"), 20),
    ]


def test_most_to_least_scopes_are_reversed() -> None:
    # api/intune-cirrus-officeclientconfiguration-get.md:23
    table = md_table(
        "|Permission type|Permissions (from most to least privileged)|\n"
        "|:---|:---|\n"
        "|Delegated (work or school account)|DeviceManagementConfiguration.ReadWrite.All "
        "DeviceManagementConfiguration.Read.All|\n"
        "|Delegated (personal Microsoft account)|Not supported.|\n"
    )
    assert table is not None
    assert table.stated_order is PermissionOrder.MOST_TO_LEAST
    assert table.entries[0].scopes == (
        "DeviceManagementConfiguration.Read.All",
        "DeviceManagementConfiguration.ReadWrite.All",
    )
    assert table.entries[0].raw.startswith("DeviceManagementConfiguration.ReadWrite.All")


@pytest.mark.parametrize(
    ("header", "order"),
    [
        ("|Permission Type|Permissions (from least to most privileged)|", "least_to_most"),
        ("|Permission type      | Permission  |", "unstated"),
        ("| permission type | permissions |", "unstated"),
    ],
)
def test_permission_list_header_variants(header: str, order: str) -> None:
    table = md_table(f"{header}\n|---|---|\n|Application | Teamwork.Migrate.All|\n")
    assert table is not None
    assert table.stated_order == order
    assert table.entries[0].scopes == ("Teamwork.Migrate.All",)


def test_unknown_row_label_is_kept_as_written() -> None:
    # api/oauth2permissiongrant-delta.md:25
    table = md_table(
        "|Permission type|Permissions (from least to most privileged)|\n|---|---|\n"
        "|oauth2permissiongrant | Directory.Read.All, Directory.ReadWrite.All |\n"
        "|[Delegated permission](/graph/auth-v2-user) (work or school account)|User.Read|\n"
    )
    assert table is not None
    first, second = table.entries
    assert first.permission_type == first.label == "oauth2permissiongrant"
    assert second.permission_type == "delegated_work"
    assert second.label == "Delegated permission (work or school account)"


INTUNE_CONTEXTS = """\
|Permission type|Permissions (from most to least privileged)|
|:---|:---|
|Delegated (work or school account)| _varies by context_|
| &nbsp; &nbsp; Device management | DeviceManagementManagedDevices.ReadWrite.All |
| &nbsp; &nbsp; **Onboarding** | DeviceManagementServiceConfig.ReadWrite.All |
|Delegated (personal Microsoft account)|Not supported.|
|Application|Not supported.|
"""


DEVICES = ("DeviceManagementManagedDevices.ReadWrite.All",)


def test_indented_sub_rows_are_contexts_of_their_permission_type() -> None:
    # api/intune-shared-user-list.md:21 of the 2021-05-01 snapshot
    table = md_table(INTUNE_CONTEXTS, first_line=21)
    assert table is not None
    got = [(e.permission_type, e.context, e.scopes, e.span.line) for e in table.entries]
    assert got == [  # the parent row that names no scope gives way to its contexts
        ("delegated_work", "Device management", DEVICES, 24),
        ("delegated_work", "Onboarding", ("DeviceManagementServiceConfig.ReadWrite.All",), 25),
        ("delegated_personal", None, (), 26),
        ("application", None, (), 27),
    ]
    assert table.entries[1].named == "Delegated (work or school account) (Onboarding)"


def test_a_parent_with_scopes_keeps_its_row_and_unindented_rows_stay_unknown() -> None:
    table = md_table(
        "|Permission type|Permissions (from least to most privileged)|\n|---|---|\n"
        "|Delegated (work or school account)|User.Read|\n"
        "|&nbsp; MAM|DeviceManagementApps.Read.All|\n"
        "|Onboarding|DeviceManagementServiceConfig.Read.All|\n"
    )
    assert table is not None
    assert [(e.permission_type, e.context) for e in table.entries] == [
        ("delegated_work", None),
        ("delegated_work", "MAM"),
        ("Onboarding", None),  # not indented, under a row with scopes: an unknown type
    ]


def test_calendar_matrix() -> None:
    # api/calendar-get.md:25
    table = md_table(
        "| Calendar | Delegated (work or school account) | "
        "Delegated (personal Microsoft account) | Application |\n"
        "|:-----|:-----|:-----|:-----|\n"
        "| user calendar | Calendars.Read, Calendars.ReadWrite | Calendars.Read, "
        "Calendars.ReadWrite | Calendars.Read, Calendars.ReadWrite |\n"
        "| group calendar | Group.Read.All, Group.ReadWrite.All "
        "| Not supported. | Not supported. |\n",
        first_line=25,
    )
    assert table is not None
    assert table.stated_order is PermissionOrder.UNSTATED
    got = [(e.resource, e.permission_type, e.state, e.scopes, e.span.line) for e in table.entries]
    both = ("Calendars.Read", "Calendars.ReadWrite")
    group = ("Group.Read.All", "Group.ReadWrite.All")
    assert got == [
        ("user calendar", "delegated_work", S.SCOPES, both, 27),
        ("user calendar", "delegated_personal", S.SCOPES, both, 27),
        ("user calendar", "application", S.SCOPES, both, 27),
        ("group calendar", "delegated_work", S.SCOPES, group, 28),
        ("group calendar", "delegated_personal", S.NOT_SUPPORTED, (), 28),
        ("group calendar", "application", S.NOT_SUPPORTED, (), 28),
    ]
    assert table.entries[1].label == "Delegated (personal Microsoft account)"


def test_supported_resource_matrix_with_links_and_short_row() -> None:
    # api/attachment-get.md:43, plus a row missing its last cell
    table = md_table(
        "| Supported resource | Delegated (work or school account) | "
        "Delegated (personal Microsoft account) | Application |\n"
        "|:-----|:-----|:-----|:-----|\n"
        "| [event](../resources/event.md) | Calendars.Read | Calendars.Read | Calendars.Read |\n"
        "| [post](../resources/post.md) | Group.Read.All | Not supported |\n"
    )
    assert table is not None
    assert [(e.resource, e.permission_type, e.state) for e in table.entries[3:]] == [
        ("post", "delegated_work", S.SCOPES),
        ("post", "delegated_personal", S.NOT_SUPPORTED),
        ("post", "application", S.EMPTY),
    ]


@pytest.mark.parametrize(
    "source",
    [
        # api/subscription-list.md:32
        "| Context of the calling app | Response contains |\n|:-----|:---- |\n"
        "| App is calling on behalf of itself. | Subscriptions created by **this app**. |\n",
        # api/permission-update.md:55
        "| Permission Type | Property | Type | Description |\n|:--|:--|:--|:--|\n"
        "| User | roles | String collection | An array of permission types. |\n",
        "| Permission type |\n|---|\n| Application |\n",
        "| Name | Description |\n|---|---|\n| Authorization | Bearer {token}. Required. |\n",
    ],
)
def test_tables_that_are_not_permission_tables(source: str) -> None:
    assert md_table(source) is None


def test_odd_input_never_raises() -> None:
    span = Span("x.md", 1, 1)
    assert parse_permission_table([], [], "Permissions", span) is None
    header = [plain("Permission type"), plain("Permissions (from least to most privileged)")]
    rows = [([], span), ([plain(""), plain("")], span), ([plain("Application")], span)]
    table = parse_permission_table(header, rows, "Permissions", span)
    assert table is not None
    assert [(e.permission_type, e.state) for e in table.entries] == [("application", S.EMPTY)]


# --- scopes needed together -------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "alternatives"),
    [
        # "and" joins the scopes of one item; commas separate alternatives
        (
            "AppRoleAssignment.ReadWrite.All and Application.Read.All, "
            "AppRoleAssignment.ReadWrite.All and Directory.Read.All, Directory.ReadWrite.All",
            (
                ("AppRoleAssignment.ReadWrite.All", "Application.Read.All"),
                ("AppRoleAssignment.ReadWrite.All", "Directory.Read.All"),
                ("Directory.ReadWrite.All",),
            ),
        ),
        (
            "AuditLog.Read.All and Directory.Read.All",
            (("AuditLog.Read.All", "Directory.Read.All"),),
        ),
        (
            "Mail.Read & User.Read; Calendars.Read",
            (("Mail.Read", "User.Read"), ("Calendars.Read",)),
        ),
        # "plus" joins the whole list before it to what follows
        (
            "EduRoster.Read.All, EduRoster.ReadWrite.All plus Member.Read.Hidden",
            (
                ("EduRoster.Read.All", "Member.Read.Hidden"),
                ("EduRoster.ReadWrite.All", "Member.Read.Hidden"),
            ),
        ),
        (
            "One from Mail.Read, Mail.ReadWrite plus either User.Read or Directory.Read.All",
            (
                ("Mail.Read", "User.Read"),
                ("Mail.Read", "Directory.Read.All"),
                ("Mail.ReadWrite", "User.Read"),
                ("Mail.ReadWrite", "Directory.Read.All"),
            ),
        ),
        # lines are alternatives of their own
        (
            "For **chat**: Chat.Read and User.Read<br/>For **channel**: ChannelMember.Read.All",
            (("Chat.Read", "User.Read"), ("ChannelMember.Read.All",)),
        ),
        # each scope alone: no alternatives recorded (``any_of`` gives one per scope)
        ("Files.Read, Files.ReadWrite", ()),
        ("Directory.Read.All or Directory.ReadWrite.All", ()),
        # the English list form "A, B and C": a list of three
        ("Policy.Read.All, Policy.ReadWrite.ConditionalAccess and Application.Read.All", ()),
        ("Not supported.", ()),
    ],
)
def test_scope_alternatives(cell: str, alternatives: tuple[tuple[str, ...], ...]) -> None:
    assert scope_alternatives(md_cell(cell)) == alternatives


def test_a_row_records_what_is_needed_together_and_most_to_least_reverses_it() -> None:
    table = md_table(
        "|Permission type|Permissions (from most to least privileged)|\n"
        "|:---|:---|\n"
        "|Application|AppRoleAssignment.ReadWrite.All and Application.Read.All, "
        "Directory.Read.All|\n"
        "|Delegated (work or school account)|Files.Read, Files.ReadWrite|\n"
    )
    assert table is not None
    app, work = table.entries
    assert app.scopes == (
        "Directory.Read.All",
        "Application.Read.All",
        "AppRoleAssignment.ReadWrite.All",
    )
    assert app.alternatives == (
        ("Directory.Read.All",),
        ("AppRoleAssignment.ReadWrite.All", "Application.Read.All"),
    )
    assert app.any_of == app.alternatives
    assert work.alternatives == ()
    assert work.any_of == (("Files.ReadWrite",), ("Files.Read",))  # reversed, as scopes
