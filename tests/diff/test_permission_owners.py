"""Which endpoint a permission change is for: provider sub-sections, contexts of one
permission type, and the same endpoint documented by several pages."""

from __future__ import annotations

from pathlib import Path

from generator.diff.audit import misplaced
from generator.diff.change import Level, Side
from generator.diff.surface import surface
from generator.read.docs import read_docs
from tests.diff.docs import APP, PERMISSIONS, PERSONAL, WORK, api_page, breaking, diff, kinds, write

B, N = Level.BREAKING, Level.NON_BREAKING
HEADER = "|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n"


def _table(work: str, app: str = "Not supported.") -> str:
    return HEADER + f"|{WORK}|{work}|\n|{PERSONAL}|Not supported.|\n|{APP}|{app}|\n"


def providers_page(intune: str, directory: str, *, label_paths: bool = True) -> str:
    """A page whose Permissions and HTTP request sections are split per provider."""
    intro = (
        "For Device management (Intune) provider:\n\n",
        "For Directory (Azure AD) provider:\n\n",
    )
    if not label_paths:
        intro = ("", "")
    return (
        '---\ntitle: "Get user"\ndoc_type: apiPageType\n---\n# Get user\n\nGets a user.\n\n'
        "## Permissions\n\n"
        "### For Device management (Intune) provider\n\n" + _table(intune) + "\n"
        "### For Directory (Azure AD) provider\n\n" + _table(directory) + "\n"
        "## HTTP request\n\n"
        f'{intro[0]}<!-- {{ "blockType": "ignored" }} -->\n```http\n'
        "GET /deviceManagement/users/{id}\n```\n\n"
        f'{intro[1]}<!-- {{ "blockType": "ignored" }} -->\n```http\n'
        "GET /users/{id}\nGET /me\n```\n\n"
        "## Response\n\nIf successful, this method returns a `200 OK` response code.\n"
    )


def test_paths_keep_the_prose_that_introduces_their_block(tmp_path: Path) -> None:
    write(tmp_path, {"api/get.md": providers_page("User.Read", "User.Read")})
    (op,) = read_docs([tmp_path]).operations
    assert [(p.raw, p.label) for p in op.paths] == [
        ("/deviceManagement/users/{id}", "For Device management (Intune) provider"),
        ("/users/{id}", "For Directory (Azure AD) provider"),
        ("/me", "For Directory (Azure AD) provider"),
    ]
    assert op.permissions is not None
    assert [t.heading for t in op.permissions.tables] == [
        "For Device management (Intune) provider",
        "For Directory (Azure AD) provider",
    ]


def test_a_provider_table_change_names_that_providers_endpoint(tmp_path: Path) -> None:
    old = {"api/get.md": providers_page("DeviceManagementManagedDevices.Read.All", "User.Read")}
    new = {
        "api/get.md": providers_page("DeviceManagementManagedDevices.ReadWrite.All", "User.Read")
    }
    (change,) = diff(tmp_path, old, new)
    assert (change.kind, change.severity) == ("permission-raised", B)
    assert change.subject.startswith("GET /deviceManagement/users/{} permission For Device")
    changes = diff(
        tmp_path / "b",
        old,
        {"api/get.md": providers_page("DeviceManagementManagedDevices.Read.All", "User.Read.All")},
    )
    assert [c.subject.split(" permission")[0] for c in changes] == ["GET /users/{}"]


def test_tables_no_path_claims_stand_for_the_operation(tmp_path: Path) -> None:
    """Without labels on the paths the page does not say which table is whose: the
    change names the operation's first path and the table's heading."""
    old = {"api/get.md": providers_page("User.Read", "User.Read", label_paths=False)}
    new = {"api/get.md": providers_page("User.Read", "User.ReadWrite", label_paths=False)}
    (change,) = diff(tmp_path, old, new)
    assert change.subject == (
        "GET /deviceManagement/users/{} permission For Directory (Azure AD) provider "
        "delegated (work or school)"
    )


def test_a_table_whose_label_no_path_has_is_for_none_of_them(tmp_path: Path) -> None:
    page = providers_page("User.Read", "User.Read").replace(
        "### For Directory (Azure AD) provider", "### For Exchange provider"
    )
    changed = page.replace(
        "|User.Read|\n|" + PERSONAL + "|Not supported.|\n|" + APP + "|Not supported.|\n\n## HTTP",
        "|User.ReadWrite|\n|"
        + PERSONAL
        + "|Not supported.|\n|"
        + APP
        + "|Not supported.|\n\n## HTTP",
    )
    assert changed != page
    (change,) = diff(tmp_path, {"api/get.md": page}, {"api/get.md": changed})
    assert change.subject.startswith("GET api/get.get permission For Exchange provider")


def test_contexts_of_a_permission_type_merge(tmp_path: Path) -> None:
    """Old Intune pages list a permission type's scopes per context; the same scopes in
    one row are no change, and a scope only one context accepted is still lost."""
    contexts = (
        HEADER
        + f"|{WORK}||\n"
        + "| &nbsp; &nbsp; **Onboarding** | DeviceManagementServiceConfig.ReadWrite.All|\n"
        + "| &nbsp; &nbsp; MAM | DeviceManagementApps.ReadWrite.All|\n"
        + f"|{PERSONAL}|Not supported.|\n|{APP}|Not supported.|\n"
    )
    base = api_page(permissions=None)
    old = base.replace("## HTTP request", "## Permissions\n\n" + contexts + "\n## HTTP request")
    both = _table("DeviceManagementServiceConfig.ReadWrite.All, DeviceManagementApps.ReadWrite.All")
    new = base.replace("## HTTP request", "## Permissions\n\n" + both + "\n## HTTP request")
    assert diff(tmp_path / "same", {"api/get.md": old}, {"api/get.md": new}) == ()
    one = _table("DeviceManagementServiceConfig.ReadWrite.All")
    fewer = base.replace("## HTTP request", "## Permissions\n\n" + one + "\n## HTTP request")
    changes = diff(tmp_path / "fewer", {"api/get.md": old}, {"api/get.md": fewer})
    assert kinds(changes) == [("permission-removed", B)]
    assert "DeviceManagementApps.ReadWrite.All no longer allows" in changes[0].reason


def test_a_scope_another_page_still_grants_for_the_endpoint_is_not_lost(tmp_path: Path) -> None:
    """One old page documented GET /users for two workloads; now a page per workload."""
    old = {
        "api/user-list.md": api_page(
            paths=("/users",),
            permissions=(
                (WORK, "DeviceManagementApps.Read.All, DeviceManagementServiceConfig.Read.All"),
                (PERSONAL, "Not supported."),
                (APP, "DeviceManagementApps.Read.All"),
            ),
        )
    }
    new = {
        "api/user-list.md": api_page(
            paths=("/users",),
            permissions=(
                (WORK, "DeviceManagementServiceConfig.Read.All"),
                (PERSONAL, "Not supported."),
                (APP, "Not supported."),
            ),
        ),
        "api/mam-user-list.md": api_page(
            paths=("/users",),
            permissions=(
                (WORK, "DeviceManagementApps.Read.All"),
                (PERSONAL, "Not supported."),
                (APP, "DeviceManagementApps.Read.All"),
            ),
        ),
    }
    assert breaking(diff(tmp_path, old, new)) == []
    del new["api/mam-user-list.md"]
    changes = breaking(diff(tmp_path / "alone", old, new))
    assert sorted(c.kind for c in changes) == ["permission-not-supported", "permission-removed"]


def test_every_change_names_what_its_page_declares(tmp_path: Path) -> None:
    """Removed rows cite the old page and its endpoint, the others the new ones."""
    old_pages = {
        "api/a.md": api_page(paths=("/me/items/{id}",)),
        "api/b.md": api_page(
            paths=("/drives/{d}/items/{id}", "/me/items/{id}"),
            body=(("name", "String", "x"),),
            method="PATCH",
        ),
    }
    new_pages = {
        "api/c.md": api_page(
            paths=("/users/{id}/items/{id}", "/me/items/{id}"), permissions=PERMISSIONS[:2]
        ),
        "api/b.md": api_page(paths=("/drives/{d}/items/{id}",), method="PATCH"),
    }
    old = surface(read_docs([write(tmp_path / "old", old_pages)]))
    new = surface(read_docs([write(tmp_path / "new", new_pages)]))
    from generator.diff.compare import compare

    changes = compare(old, new)
    assert {c.side for c in changes} == {Side.OLD, Side.NEW}
    assert misplaced(changes, old, new) == []
    moved = [
        c.__class__(c.kind, c.severity, "GET /elsewhere", c.reason, c.side, c.span) for c in changes
    ]
    assert misplaced(moved, old, new) == moved
