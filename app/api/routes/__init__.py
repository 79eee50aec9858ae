"""One APIRouter per resource; app.main includes them under /v1 (health at the root)."""
