"""Lawful video analytics (décret 2023-828), privacy by design.

Public entry points (imported from their modules, so that `regia --help` stays fast):
``regia.video.camera.load_config``, ``regia.video.pipeline.analyze``, ``regia.video.service``
(``analyze_file``, ``watch_stream``), ``regia.video.store`` (review, statistics, purge, audit),
``regia.video.events.EVENT_TYPES`` (the allowed event types, fixed in code).
"""
