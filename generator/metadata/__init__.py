"""The service's own schema (OData CSDL metadata), read to check the docs against it."""
