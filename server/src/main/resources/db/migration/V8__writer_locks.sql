-- Writers are ordered by the database, not by one server's memory, so that several Ballast nodes can share one
-- PostgreSQL. A write transaction first locks (SELECT ... FOR UPDATE) the rows of this table that cover what it
-- writes, always in ascending key order, so that two writers never wait for each other in a circle:
--   0          the series catalogue and the baseline's record (seeding, a source cataloguing a new series)
--   1          the export-control events
--   100..163   observations and vintages: one stripe per group of regions (hash of the region modulo 64)
--   200..263   computed scores: the same stripes
-- The rows are written once, here, and never change: locking them needs no insert that could race.
CREATE TABLE writer_lock (
    lock_key    INT           NOT NULL PRIMARY KEY
);

INSERT INTO writer_lock (lock_key) VALUES
    (0), (1), (100), (101), (102), (103), (104), (105), (106), (107),
    (108), (109), (110), (111), (112), (113), (114), (115), (116), (117),
    (118), (119), (120), (121), (122), (123), (124), (125), (126), (127),
    (128), (129), (130), (131), (132), (133), (134), (135), (136), (137),
    (138), (139), (140), (141), (142), (143), (144), (145), (146), (147),
    (148), (149), (150), (151), (152), (153), (154), (155), (156), (157),
    (158), (159), (160), (161), (162), (163), (200), (201), (202), (203),
    (204), (205), (206), (207), (208), (209), (210), (211), (212), (213),
    (214), (215), (216), (217), (218), (219), (220), (221), (222), (223),
    (224), (225), (226), (227), (228), (229), (230), (231), (232), (233),
    (234), (235), (236), (237), (238), (239), (240), (241), (242), (243),
    (244), (245), (246), (247), (248), (249), (250), (251), (252), (253),
    (254), (255), (256), (257), (258), (259), (260), (261), (262), (263);
