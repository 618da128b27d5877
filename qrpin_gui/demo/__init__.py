"""The built-in demo tenant: a real HTTPS server on loopback that behaves like Microsoft
Graph beta (and, with the sign-in modules, Entra) for everything QR PIN Manager touches.

It is an independent model of Microsoft's service (docs/graph-qrpin-api.md): it never
imports the app's own client, parsers or PIN rules. See docs/demo-tenant.md.
"""

from __future__ import annotations

from qrpin_gui.demo.constants import DEMO_CLIENT_ID, DEMO_TENANT_DOMAIN, DEMO_TENANT_ID
from qrpin_gui.demo.tenant import DemoTenant

__all__ = ["DEMO_CLIENT_ID", "DEMO_TENANT_DOMAIN", "DEMO_TENANT_ID", "DemoTenant"]
