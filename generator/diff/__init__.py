"""The API-surface change between two doc revisions, each change breaking or not."""
