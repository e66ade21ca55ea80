CREATE TABLE "acquaintance" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER NOT NULL, 
	other_id INTEGER NOT NULL, 
	note VARCHAR, 
	created_at DATETIME NOT NULL, 
	UNIQUE (contact_id, other_id), 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	FOREIGN KEY(other_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE capture_seen (
	source VARCHAR NOT NULL, 
	print VARCHAR NOT NULL, 
	items INTEGER NOT NULL, 
	captured_at DATETIME NOT NULL, 
	PRIMARY KEY (source)
);
CREATE TABLE "channel" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	label VARCHAR, 
	value VARCHAR NOT NULL, 
	value_key VARCHAR NOT NULL, 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE TABLE "contact" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	handle VARCHAR(64) NOT NULL, 
	name VARCHAR NOT NULL, 
	name_key VARCHAR NOT NULL, 
	name_fold VARCHAR NOT NULL, 
	search_fold VARCHAR NOT NULL, 
	company VARCHAR, 
	title VARCHAR, 
	business VARCHAR, 
	ideal_referral VARCHAR, 
	met_on DATE, 
	met_at VARCHAR, 
	introduced_by_id INTEGER, 
	trust INTEGER, 
	archived_at DATETIME, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, uid VARCHAR, cadence_days INTEGER, birthday VARCHAR, anniversary VARCHAR, name_parts VARCHAR, 
	UNIQUE (handle), 
	FOREIGN KEY(introduced_by_id) REFERENCES contact (id) ON DELETE SET NULL
);
CREATE TABLE "conversation" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER NOT NULL, 
	talked_on DATE NOT NULL, 
	notes VARCHAR, 
	created_at DATETIME NOT NULL, 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE TABLE "depth_answer" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER NOT NULL, 
	item INTEGER NOT NULL, 
	answer BOOLEAN NOT NULL, 
	answered_on DATE NOT NULL, 
	UNIQUE (contact_id, item), 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE TABLE "family_member" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	name_key VARCHAR NOT NULL, 
	relation VARCHAR, 
	met BOOLEAN NOT NULL, birthday VARCHAR, anniversary VARCHAR, 
	UNIQUE (contact_id, name_key), 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE TABLE followup_state (
	"key" VARCHAR NOT NULL, 
	done_on DATE, 
	snoozed_until DATE, 
	stamp VARCHAR, 
	notes VARCHAR, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE "goal" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	text VARCHAR NOT NULL, 
	achieved_on DATE, 
	created_at DATETIME NOT NULL, 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE TABLE "journal" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	at DATETIME NOT NULL, 
	command VARCHAR NOT NULL, 
	is_open BOOLEAN NOT NULL, 
	undoes_id INTEGER, 
	FOREIGN KEY(undoes_id) REFERENCES journal (id)
);
CREATE TABLE "journal_row" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	entry_id INTEGER NOT NULL, 
	table_name VARCHAR NOT NULL, 
	op VARCHAR NOT NULL, 
	row_key VARCHAR NOT NULL, 
	contact_id INTEGER, 
	"before" VARCHAR, 
	"after" VARCHAR, 
	FOREIGN KEY(entry_id) REFERENCES journal (id) ON DELETE CASCADE
);
CREATE TABLE "meeting" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	status VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	place VARCHAR, 
	notes VARCHAR, 
	learned VARCHAR, 
	they_asked BOOLEAN, 
	i_asked BOOLEAN, 
	created_at DATETIME NOT NULL, 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE TABLE "not_a_fit" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER NOT NULL, 
	other_id INTEGER NOT NULL, 
	noted_on DATE NOT NULL, 
	created_at DATETIME NOT NULL, 
	UNIQUE (contact_id, other_id), 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	FOREIGN KEY(other_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE TABLE "note" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER NOT NULL, 
	noted_on DATE NOT NULL, 
	text VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE TABLE "offering" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER NOT NULL, 
	text VARCHAR NOT NULL, 
	text_key VARCHAR NOT NULL, 
	UNIQUE (contact_id, text_key), 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE TABLE person_summary (
  contact_id integer PRIMARY KEY, last_contact text,
  p_given integer, p_won integer, p_first text, p_last_given text, p_last_received text,
  m_given integer, m_won integer, m_first text, m_last text,
  talked_on text, talk_start text, forward_from text, latest_day text NOT NULL
);
CREATE TABLE "referral" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	direction VARCHAR NOT NULL, 
	partner_id INTEGER NOT NULL, 
	prospect_id INTEGER, 
	prospect_name VARCHAR, 
	is_introduction BOOLEAN NOT NULL, 
	mutual BOOLEAN NOT NULL, 
	reason VARCHAR, 
	temperature VARCHAR, 
	made_on DATE NOT NULL, 
	status VARCHAR NOT NULL, 
	status_on DATE, 
	value INTEGER, 
	currency VARCHAR NOT NULL, 
	repeat BOOLEAN NOT NULL, 
	lost_reason VARCHAR, 
	treated INTEGER, 
	partner_reported_on DATE, 
	prospect_reported_on DATE, 
	follow_up_on DATE, 
	thanked_on DATE, 
	thanked_how VARCHAR, 
	created_at DATETIME NOT NULL, suggested BOOLEAN DEFAULT 0 NOT NULL, 
	FOREIGN KEY(partner_id) REFERENCES contact (id) ON DELETE CASCADE, 
	FOREIGN KEY(prospect_id) REFERENCES contact (id) ON DELETE SET NULL
);
CREATE TABLE "referral_event" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	referral_id INTEGER NOT NULL, 
	happened_on DATE NOT NULL, 
	kind VARCHAR NOT NULL, 
	detail VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	FOREIGN KEY(referral_id) REFERENCES referral (id) ON DELETE CASCADE
);
CREATE TABLE "reminder" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER, 
	text VARCHAR NOT NULL, 
	due_on DATE NOT NULL, 
	done_on DATE, 
	created_at DATETIME NOT NULL, 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE TABLE rhythm_due (contact_id integer PRIMARY KEY, due_on text);
CREATE VIRTUAL TABLE search_index USING fts5(words, source UNINDEXED, row_id UNINDEXED, contact_id UNINDEXED, day UNINDEXED, shown UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE setting (
	"key" VARCHAR NOT NULL, 
	value VARCHAR NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE "sync_card" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER, 
	folder VARCHAR NOT NULL, 
	href VARCHAR NOT NULL, 
	etag VARCHAR NOT NULL, 
	base VARCHAR NOT NULL, 
	synced_at DATETIME NOT NULL, 
	UNIQUE (folder, href), 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE SET NULL
);
CREATE TABLE "tag" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	UNIQUE (contact_id, name), 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE TABLE "tag_cadence" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	tag VARCHAR NOT NULL, 
	days INTEGER NOT NULL, 
	UNIQUE (tag)
);
CREATE TABLE "touch" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	via VARCHAR NOT NULL, 
	note VARCHAR, 
	created_at DATETIME NOT NULL, source VARCHAR, source_key VARCHAR, direction VARCHAR, 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE TABLE "trait" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	contact_id INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	text VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE INDEX ix_acquaintance_contact_id ON acquaintance (contact_id);
CREATE INDEX ix_acquaintance_other_id ON acquaintance (other_id);
CREATE INDEX ix_channel_contact_id ON channel (contact_id);
CREATE INDEX ix_channel_kind_key ON channel (kind, value_key);
CREATE INDEX ix_contact_business ON contact (business);
CREATE INDEX ix_contact_cadence_days ON contact (cadence_days);
CREATE INDEX ix_contact_ideal_referral ON contact (ideal_referral);
CREATE INDEX ix_contact_introduced_by_id ON contact (introduced_by_id);
CREATE INDEX ix_contact_name_fold ON contact (name_fold);
CREATE INDEX ix_contact_name_key ON contact (name_key);
CREATE INDEX ix_contact_title ON contact (title);
CREATE UNIQUE INDEX ix_contact_uid ON contact (uid);
CREATE INDEX ix_conversation_contact_id ON conversation (contact_id);
CREATE INDEX ix_conversation_contact_talked ON conversation (contact_id, talked_on);
CREATE INDEX ix_depth_answer_contact_id ON depth_answer (contact_id);
CREATE INDEX ix_family_member_contact_id ON family_member (contact_id);
CREATE INDEX ix_goal_contact_id ON goal (contact_id);
CREATE INDEX ix_goal_contact_year ON goal (contact_id, year);
CREATE INDEX ix_goal_text ON goal (text);
CREATE INDEX ix_journal_row_contact ON journal_row (contact_id, entry_id);
CREATE INDEX ix_journal_row_entry ON journal_row (entry_id, id);
CREATE INDEX ix_journal_row_key ON journal_row (table_name, row_key, entry_id);
CREATE INDEX ix_journal_undoes_id ON journal (undoes_id);
CREATE INDEX ix_meeting_contact_id ON meeting (contact_id);
CREATE INDEX ix_meeting_contact_status_day ON meeting (contact_id, status, day);
CREATE INDEX ix_meeting_status_day ON meeting (status, day);
CREATE INDEX ix_not_a_fit_contact_id ON not_a_fit (contact_id);
CREATE INDEX ix_not_a_fit_other_id ON not_a_fit (other_id);
CREATE INDEX ix_note_contact_id ON note (contact_id);
CREATE INDEX ix_note_noted_on ON note (noted_on);
CREATE INDEX ix_note_text ON note (text);
CREATE INDEX ix_offering_contact_id ON offering (contact_id);
CREATE INDEX ix_offering_text ON offering (text);
CREATE INDEX ix_person_summary_forward ON person_summary (forward_from, contact_id);
CREATE INDEX ix_person_summary_last_day ON person_summary (substr(last_contact, 1, 10), contact_id);
CREATE INDEX ix_person_summary_latest ON person_summary (latest_day);
CREATE INDEX ix_person_summary_talk_start ON person_summary (talk_start, contact_id);
CREATE INDEX ix_person_summary_talked ON person_summary (talked_on);
CREATE INDEX ix_referral_balance ON referral (partner_id, made_on, direction, status, status_on, currency, value, thanked_on);
CREATE INDEX ix_referral_closed ON referral (status_on, direction, status, currency, value);
CREATE INDEX ix_referral_direction_status ON referral (direction, status);
CREATE INDEX ix_referral_event_referral_id ON referral_event (referral_id);
CREATE INDEX ix_referral_follow_up ON referral (follow_up_on, direction, status);
CREATE INDEX ix_referral_introduced ON referral (is_introduction, prospect_id, made_on);
CREATE INDEX ix_referral_made_on ON referral (made_on);
CREATE INDEX ix_referral_month ON referral (made_on, direction, is_introduction);
CREATE INDEX ix_referral_mutual ON referral (mutual, prospect_id, made_on, direction, status, status_on, currency, value, thanked_on);
CREATE INDEX ix_referral_partner_direction_made ON referral (partner_id, direction, made_on);
CREATE INDEX ix_referral_partner_id ON referral (partner_id);
CREATE INDEX ix_referral_partner_reported ON referral (partner_id, partner_reported_on);
CREATE INDEX ix_referral_prospect_id ON referral (prospect_id);
CREATE INDEX ix_referral_prospect_reported ON referral (prospect_id, prospect_reported_on);
CREATE INDEX ix_referral_unthanked ON referral (direction, thanked_on, made_on);
CREATE INDEX ix_reminder_contact_id ON reminder (contact_id);
CREATE INDEX ix_reminder_done_due ON reminder (done_on, due_on);
CREATE INDEX ix_rhythm_due_on ON rhythm_due (due_on, contact_id);
CREATE INDEX ix_sync_card_contact_id ON sync_card (contact_id);
CREATE INDEX ix_tag_contact_id ON tag (contact_id);
CREATE INDEX ix_tag_name ON tag (name);
CREATE INDEX ix_touch_contact_day ON touch (contact_id, day);
CREATE INDEX ix_touch_contact_id ON touch (contact_id);
CREATE UNIQUE INDEX ix_touch_source_key ON touch (contact_id, source_key);
CREATE INDEX ix_trait_contact_id ON trait (contact_id);
CREATE TRIGGER "journal_acquaintance_delete" AFTER DELETE ON "acquaintance" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'acquaintance', 'delete', CAST(OLD."id" AS TEXT), OLD."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'other_id', OLD."other_id", 'note', OLD."note", 'created_at', OLD."created_at"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_acquaintance_insert" AFTER INSERT ON "acquaintance" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'acquaintance', 'insert', CAST(NEW."id" AS TEXT), NEW."contact_id", NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'other_id', NEW."other_id", 'note', NEW."note", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_acquaintance_update" AFTER UPDATE ON "acquaintance" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."other_id" IS NOT NEW."other_id" OR OLD."note" IS NOT NEW."note" OR OLD."created_at" IS NOT NEW."created_at" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'acquaintance', 'update', CAST(NEW."id" AS TEXT), NEW."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'other_id', OLD."other_id", 'note', OLD."note", 'created_at', OLD."created_at"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'other_id', NEW."other_id", 'note', NEW."note", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_capture_seen_delete" AFTER DELETE ON "capture_seen" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'capture_seen', 'delete', CAST(OLD."source" AS TEXT), NULL, json_object('source', OLD."source", 'print', OLD."print", 'items', OLD."items", 'captured_at', OLD."captured_at"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_capture_seen_insert" AFTER INSERT ON "capture_seen" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'capture_seen', 'insert', CAST(NEW."source" AS TEXT), NULL, NULL, json_object('source', NEW."source", 'print', NEW."print", 'items', NEW."items", 'captured_at', NEW."captured_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_capture_seen_update" AFTER UPDATE ON "capture_seen" WHEN OLD."source" IS NOT NEW."source" OR OLD."print" IS NOT NEW."print" OR OLD."items" IS NOT NEW."items" OR OLD."captured_at" IS NOT NEW."captured_at" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'capture_seen', 'update', CAST(NEW."source" AS TEXT), NULL, json_object('source', OLD."source", 'print', OLD."print", 'items', OLD."items", 'captured_at', OLD."captured_at"), json_object('source', NEW."source", 'print', NEW."print", 'items', NEW."items", 'captured_at', NEW."captured_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_channel_delete" AFTER DELETE ON "channel" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'channel', 'delete', CAST(OLD."id" AS TEXT), OLD."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'kind', OLD."kind", 'label', OLD."label", 'value', OLD."value", 'value_key', OLD."value_key"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_channel_insert" AFTER INSERT ON "channel" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'channel', 'insert', CAST(NEW."id" AS TEXT), NEW."contact_id", NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'kind', NEW."kind", 'label', NEW."label", 'value', NEW."value", 'value_key', NEW."value_key") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_channel_update" AFTER UPDATE ON "channel" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."kind" IS NOT NEW."kind" OR OLD."label" IS NOT NEW."label" OR OLD."value" IS NOT NEW."value" OR OLD."value_key" IS NOT NEW."value_key" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'channel', 'update', CAST(NEW."id" AS TEXT), NEW."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'kind', OLD."kind", 'label', OLD."label", 'value', OLD."value", 'value_key', OLD."value_key"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'kind', NEW."kind", 'label', NEW."label", 'value', NEW."value", 'value_key', NEW."value_key") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_contact_delete" AFTER DELETE ON "contact" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'contact', 'delete', CAST(OLD."id" AS TEXT), OLD."id", json_object('id', OLD."id", 'handle', OLD."handle", 'name', OLD."name", 'name_key', OLD."name_key", 'name_fold', OLD."name_fold", 'search_fold', OLD."search_fold", 'company', OLD."company", 'title', OLD."title", 'business', OLD."business", 'ideal_referral', OLD."ideal_referral", 'met_on', OLD."met_on", 'met_at', OLD."met_at", 'introduced_by_id', OLD."introduced_by_id", 'trust', OLD."trust", 'archived_at', OLD."archived_at", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'uid', OLD."uid", 'cadence_days', OLD."cadence_days", 'birthday', OLD."birthday", 'anniversary', OLD."anniversary", 'name_parts', OLD."name_parts"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_contact_insert" AFTER INSERT ON "contact" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'contact', 'insert', CAST(NEW."id" AS TEXT), NEW."id", NULL, json_object('id', NEW."id", 'handle', NEW."handle", 'name', NEW."name", 'name_key', NEW."name_key", 'name_fold', NEW."name_fold", 'search_fold', NEW."search_fold", 'company', NEW."company", 'title', NEW."title", 'business', NEW."business", 'ideal_referral', NEW."ideal_referral", 'met_on', NEW."met_on", 'met_at', NEW."met_at", 'introduced_by_id', NEW."introduced_by_id", 'trust', NEW."trust", 'archived_at', NEW."archived_at", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'uid', NEW."uid", 'cadence_days', NEW."cadence_days", 'birthday', NEW."birthday", 'anniversary', NEW."anniversary", 'name_parts', NEW."name_parts") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_contact_update" AFTER UPDATE ON "contact" WHEN OLD."id" IS NOT NEW."id" OR OLD."handle" IS NOT NEW."handle" OR OLD."name" IS NOT NEW."name" OR OLD."name_key" IS NOT NEW."name_key" OR OLD."name_fold" IS NOT NEW."name_fold" OR OLD."search_fold" IS NOT NEW."search_fold" OR OLD."company" IS NOT NEW."company" OR OLD."title" IS NOT NEW."title" OR OLD."business" IS NOT NEW."business" OR OLD."ideal_referral" IS NOT NEW."ideal_referral" OR OLD."met_on" IS NOT NEW."met_on" OR OLD."met_at" IS NOT NEW."met_at" OR OLD."introduced_by_id" IS NOT NEW."introduced_by_id" OR OLD."trust" IS NOT NEW."trust" OR OLD."archived_at" IS NOT NEW."archived_at" OR OLD."created_at" IS NOT NEW."created_at" OR OLD."updated_at" IS NOT NEW."updated_at" OR OLD."uid" IS NOT NEW."uid" OR OLD."cadence_days" IS NOT NEW."cadence_days" OR OLD."birthday" IS NOT NEW."birthday" OR OLD."anniversary" IS NOT NEW."anniversary" OR OLD."name_parts" IS NOT NEW."name_parts" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'contact', 'update', CAST(NEW."id" AS TEXT), NEW."id", json_object('id', OLD."id", 'handle', OLD."handle", 'name', OLD."name", 'name_key', OLD."name_key", 'name_fold', OLD."name_fold", 'search_fold', OLD."search_fold", 'company', OLD."company", 'title', OLD."title", 'business', OLD."business", 'ideal_referral', OLD."ideal_referral", 'met_on', OLD."met_on", 'met_at', OLD."met_at", 'introduced_by_id', OLD."introduced_by_id", 'trust', OLD."trust", 'archived_at', OLD."archived_at", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'uid', OLD."uid", 'cadence_days', OLD."cadence_days", 'birthday', OLD."birthday", 'anniversary', OLD."anniversary", 'name_parts', OLD."name_parts"), json_object('id', NEW."id", 'handle', NEW."handle", 'name', NEW."name", 'name_key', NEW."name_key", 'name_fold', NEW."name_fold", 'search_fold', NEW."search_fold", 'company', NEW."company", 'title', NEW."title", 'business', NEW."business", 'ideal_referral', NEW."ideal_referral", 'met_on', NEW."met_on", 'met_at', NEW."met_at", 'introduced_by_id', NEW."introduced_by_id", 'trust', NEW."trust", 'archived_at', NEW."archived_at", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'uid', NEW."uid", 'cadence_days', NEW."cadence_days", 'birthday', NEW."birthday", 'anniversary', NEW."anniversary", 'name_parts', NEW."name_parts") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_conversation_delete" AFTER DELETE ON "conversation" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'conversation', 'delete', CAST(OLD."id" AS TEXT), OLD."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'talked_on', OLD."talked_on", 'notes', OLD."notes", 'created_at', OLD."created_at"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_conversation_insert" AFTER INSERT ON "conversation" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'conversation', 'insert', CAST(NEW."id" AS TEXT), NEW."contact_id", NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'talked_on', NEW."talked_on", 'notes', NEW."notes", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_conversation_update" AFTER UPDATE ON "conversation" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."talked_on" IS NOT NEW."talked_on" OR OLD."notes" IS NOT NEW."notes" OR OLD."created_at" IS NOT NEW."created_at" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'conversation', 'update', CAST(NEW."id" AS TEXT), NEW."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'talked_on', OLD."talked_on", 'notes', OLD."notes", 'created_at', OLD."created_at"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'talked_on', NEW."talked_on", 'notes', NEW."notes", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_depth_answer_delete" AFTER DELETE ON "depth_answer" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'depth_answer', 'delete', CAST(OLD."id" AS TEXT), OLD."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'item', OLD."item", 'answer', OLD."answer", 'answered_on', OLD."answered_on"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_depth_answer_insert" AFTER INSERT ON "depth_answer" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'depth_answer', 'insert', CAST(NEW."id" AS TEXT), NEW."contact_id", NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'item', NEW."item", 'answer', NEW."answer", 'answered_on', NEW."answered_on") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_depth_answer_update" AFTER UPDATE ON "depth_answer" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."item" IS NOT NEW."item" OR OLD."answer" IS NOT NEW."answer" OR OLD."answered_on" IS NOT NEW."answered_on" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'depth_answer', 'update', CAST(NEW."id" AS TEXT), NEW."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'item', OLD."item", 'answer', OLD."answer", 'answered_on', OLD."answered_on"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'item', NEW."item", 'answer', NEW."answer", 'answered_on', NEW."answered_on") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_family_member_delete" AFTER DELETE ON "family_member" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'family_member', 'delete', CAST(OLD."id" AS TEXT), OLD."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'name', OLD."name", 'name_key', OLD."name_key", 'relation', OLD."relation", 'met', OLD."met", 'birthday', OLD."birthday", 'anniversary', OLD."anniversary"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_family_member_insert" AFTER INSERT ON "family_member" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'family_member', 'insert', CAST(NEW."id" AS TEXT), NEW."contact_id", NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'name', NEW."name", 'name_key', NEW."name_key", 'relation', NEW."relation", 'met', NEW."met", 'birthday', NEW."birthday", 'anniversary', NEW."anniversary") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_family_member_update" AFTER UPDATE ON "family_member" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."name" IS NOT NEW."name" OR OLD."name_key" IS NOT NEW."name_key" OR OLD."relation" IS NOT NEW."relation" OR OLD."met" IS NOT NEW."met" OR OLD."birthday" IS NOT NEW."birthday" OR OLD."anniversary" IS NOT NEW."anniversary" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'family_member', 'update', CAST(NEW."id" AS TEXT), NEW."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'name', OLD."name", 'name_key', OLD."name_key", 'relation', OLD."relation", 'met', OLD."met", 'birthday', OLD."birthday", 'anniversary', OLD."anniversary"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'name', NEW."name", 'name_key', NEW."name_key", 'relation', NEW."relation", 'met', NEW."met", 'birthday', NEW."birthday", 'anniversary', NEW."anniversary") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_followup_state_delete" AFTER DELETE ON "followup_state" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'followup_state', 'delete', CAST(OLD."key" AS TEXT), NULL, json_object('key', OLD."key", 'done_on', OLD."done_on", 'snoozed_until', OLD."snoozed_until", 'stamp', OLD."stamp", 'notes', OLD."notes", 'updated_at', OLD."updated_at"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_followup_state_insert" AFTER INSERT ON "followup_state" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'followup_state', 'insert', CAST(NEW."key" AS TEXT), NULL, NULL, json_object('key', NEW."key", 'done_on', NEW."done_on", 'snoozed_until', NEW."snoozed_until", 'stamp', NEW."stamp", 'notes', NEW."notes", 'updated_at', NEW."updated_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_followup_state_update" AFTER UPDATE ON "followup_state" WHEN OLD."key" IS NOT NEW."key" OR OLD."done_on" IS NOT NEW."done_on" OR OLD."snoozed_until" IS NOT NEW."snoozed_until" OR OLD."stamp" IS NOT NEW."stamp" OR OLD."notes" IS NOT NEW."notes" OR OLD."updated_at" IS NOT NEW."updated_at" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'followup_state', 'update', CAST(NEW."key" AS TEXT), NULL, json_object('key', OLD."key", 'done_on', OLD."done_on", 'snoozed_until', OLD."snoozed_until", 'stamp', OLD."stamp", 'notes', OLD."notes", 'updated_at', OLD."updated_at"), json_object('key', NEW."key", 'done_on', NEW."done_on", 'snoozed_until', NEW."snoozed_until", 'stamp', NEW."stamp", 'notes', NEW."notes", 'updated_at', NEW."updated_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_goal_delete" AFTER DELETE ON "goal" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'goal', 'delete', CAST(OLD."id" AS TEXT), OLD."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'year', OLD."year", 'kind', OLD."kind", 'text', OLD."text", 'achieved_on', OLD."achieved_on", 'created_at', OLD."created_at"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_goal_insert" AFTER INSERT ON "goal" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'goal', 'insert', CAST(NEW."id" AS TEXT), NEW."contact_id", NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'year', NEW."year", 'kind', NEW."kind", 'text', NEW."text", 'achieved_on', NEW."achieved_on", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_goal_update" AFTER UPDATE ON "goal" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."year" IS NOT NEW."year" OR OLD."kind" IS NOT NEW."kind" OR OLD."text" IS NOT NEW."text" OR OLD."achieved_on" IS NOT NEW."achieved_on" OR OLD."created_at" IS NOT NEW."created_at" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'goal', 'update', CAST(NEW."id" AS TEXT), NEW."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'year', OLD."year", 'kind', OLD."kind", 'text', OLD."text", 'achieved_on', OLD."achieved_on", 'created_at', OLD."created_at"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'year', NEW."year", 'kind', NEW."kind", 'text', NEW."text", 'achieved_on', NEW."achieved_on", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_meeting_delete" AFTER DELETE ON "meeting" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'meeting', 'delete', CAST(OLD."id" AS TEXT), OLD."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'day', OLD."day", 'status', OLD."status", 'kind', OLD."kind", 'place', OLD."place", 'notes', OLD."notes", 'learned', OLD."learned", 'they_asked', OLD."they_asked", 'i_asked', OLD."i_asked", 'created_at', OLD."created_at"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_meeting_insert" AFTER INSERT ON "meeting" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'meeting', 'insert', CAST(NEW."id" AS TEXT), NEW."contact_id", NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'day', NEW."day", 'status', NEW."status", 'kind', NEW."kind", 'place', NEW."place", 'notes', NEW."notes", 'learned', NEW."learned", 'they_asked', NEW."they_asked", 'i_asked', NEW."i_asked", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_meeting_update" AFTER UPDATE ON "meeting" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."day" IS NOT NEW."day" OR OLD."status" IS NOT NEW."status" OR OLD."kind" IS NOT NEW."kind" OR OLD."place" IS NOT NEW."place" OR OLD."notes" IS NOT NEW."notes" OR OLD."learned" IS NOT NEW."learned" OR OLD."they_asked" IS NOT NEW."they_asked" OR OLD."i_asked" IS NOT NEW."i_asked" OR OLD."created_at" IS NOT NEW."created_at" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'meeting', 'update', CAST(NEW."id" AS TEXT), NEW."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'day', OLD."day", 'status', OLD."status", 'kind', OLD."kind", 'place', OLD."place", 'notes', OLD."notes", 'learned', OLD."learned", 'they_asked', OLD."they_asked", 'i_asked', OLD."i_asked", 'created_at', OLD."created_at"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'day', NEW."day", 'status', NEW."status", 'kind', NEW."kind", 'place', NEW."place", 'notes', NEW."notes", 'learned', NEW."learned", 'they_asked', NEW."they_asked", 'i_asked', NEW."i_asked", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_not_a_fit_delete" AFTER DELETE ON "not_a_fit" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'not_a_fit', 'delete', CAST(OLD."id" AS TEXT), OLD."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'other_id', OLD."other_id", 'noted_on', OLD."noted_on", 'created_at', OLD."created_at"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_not_a_fit_insert" AFTER INSERT ON "not_a_fit" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'not_a_fit', 'insert', CAST(NEW."id" AS TEXT), NEW."contact_id", NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'other_id', NEW."other_id", 'noted_on', NEW."noted_on", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_not_a_fit_update" AFTER UPDATE ON "not_a_fit" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."other_id" IS NOT NEW."other_id" OR OLD."noted_on" IS NOT NEW."noted_on" OR OLD."created_at" IS NOT NEW."created_at" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'not_a_fit', 'update', CAST(NEW."id" AS TEXT), NEW."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'other_id', OLD."other_id", 'noted_on', OLD."noted_on", 'created_at', OLD."created_at"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'other_id', NEW."other_id", 'noted_on', NEW."noted_on", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_note_delete" AFTER DELETE ON "note" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'note', 'delete', CAST(OLD."id" AS TEXT), OLD."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'noted_on', OLD."noted_on", 'text', OLD."text", 'created_at', OLD."created_at"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_note_insert" AFTER INSERT ON "note" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'note', 'insert', CAST(NEW."id" AS TEXT), NEW."contact_id", NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'noted_on', NEW."noted_on", 'text', NEW."text", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_note_update" AFTER UPDATE ON "note" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."noted_on" IS NOT NEW."noted_on" OR OLD."text" IS NOT NEW."text" OR OLD."created_at" IS NOT NEW."created_at" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'note', 'update', CAST(NEW."id" AS TEXT), NEW."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'noted_on', OLD."noted_on", 'text', OLD."text", 'created_at', OLD."created_at"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'noted_on', NEW."noted_on", 'text', NEW."text", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_offering_delete" AFTER DELETE ON "offering" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'offering', 'delete', CAST(OLD."id" AS TEXT), OLD."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'text', OLD."text", 'text_key', OLD."text_key"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_offering_insert" AFTER INSERT ON "offering" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'offering', 'insert', CAST(NEW."id" AS TEXT), NEW."contact_id", NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'text', NEW."text", 'text_key', NEW."text_key") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_offering_update" AFTER UPDATE ON "offering" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."text" IS NOT NEW."text" OR OLD."text_key" IS NOT NEW."text_key" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'offering', 'update', CAST(NEW."id" AS TEXT), NEW."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'text', OLD."text", 'text_key', OLD."text_key"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'text', NEW."text", 'text_key', NEW."text_key") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_referral_delete" AFTER DELETE ON "referral" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'referral', 'delete', CAST(OLD."id" AS TEXT), OLD."partner_id", json_object('id', OLD."id", 'direction', OLD."direction", 'partner_id', OLD."partner_id", 'prospect_id', OLD."prospect_id", 'prospect_name', OLD."prospect_name", 'is_introduction', OLD."is_introduction", 'mutual', OLD."mutual", 'reason', OLD."reason", 'temperature', OLD."temperature", 'made_on', OLD."made_on", 'status', OLD."status", 'status_on', OLD."status_on", 'value', OLD."value", 'currency', OLD."currency", 'repeat', OLD."repeat", 'lost_reason', OLD."lost_reason", 'treated', OLD."treated", 'partner_reported_on', OLD."partner_reported_on", 'prospect_reported_on', OLD."prospect_reported_on", 'follow_up_on', OLD."follow_up_on", 'thanked_on', OLD."thanked_on", 'thanked_how', OLD."thanked_how", 'created_at', OLD."created_at", 'suggested', OLD."suggested"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_referral_event_delete" AFTER DELETE ON "referral_event" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'referral_event', 'delete', CAST(OLD."id" AS TEXT), NULL, json_object('id', OLD."id", 'referral_id', OLD."referral_id", 'happened_on', OLD."happened_on", 'kind', OLD."kind", 'detail', OLD."detail", 'created_at', OLD."created_at"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_referral_event_insert" AFTER INSERT ON "referral_event" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'referral_event', 'insert', CAST(NEW."id" AS TEXT), NULL, NULL, json_object('id', NEW."id", 'referral_id', NEW."referral_id", 'happened_on', NEW."happened_on", 'kind', NEW."kind", 'detail', NEW."detail", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_referral_event_update" AFTER UPDATE ON "referral_event" WHEN OLD."id" IS NOT NEW."id" OR OLD."referral_id" IS NOT NEW."referral_id" OR OLD."happened_on" IS NOT NEW."happened_on" OR OLD."kind" IS NOT NEW."kind" OR OLD."detail" IS NOT NEW."detail" OR OLD."created_at" IS NOT NEW."created_at" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'referral_event', 'update', CAST(NEW."id" AS TEXT), NULL, json_object('id', OLD."id", 'referral_id', OLD."referral_id", 'happened_on', OLD."happened_on", 'kind', OLD."kind", 'detail', OLD."detail", 'created_at', OLD."created_at"), json_object('id', NEW."id", 'referral_id', NEW."referral_id", 'happened_on', NEW."happened_on", 'kind', NEW."kind", 'detail', NEW."detail", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_referral_insert" AFTER INSERT ON "referral" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'referral', 'insert', CAST(NEW."id" AS TEXT), NEW."partner_id", NULL, json_object('id', NEW."id", 'direction', NEW."direction", 'partner_id', NEW."partner_id", 'prospect_id', NEW."prospect_id", 'prospect_name', NEW."prospect_name", 'is_introduction', NEW."is_introduction", 'mutual', NEW."mutual", 'reason', NEW."reason", 'temperature', NEW."temperature", 'made_on', NEW."made_on", 'status', NEW."status", 'status_on', NEW."status_on", 'value', NEW."value", 'currency', NEW."currency", 'repeat', NEW."repeat", 'lost_reason', NEW."lost_reason", 'treated', NEW."treated", 'partner_reported_on', NEW."partner_reported_on", 'prospect_reported_on', NEW."prospect_reported_on", 'follow_up_on', NEW."follow_up_on", 'thanked_on', NEW."thanked_on", 'thanked_how', NEW."thanked_how", 'created_at', NEW."created_at", 'suggested', NEW."suggested") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_referral_update" AFTER UPDATE ON "referral" WHEN OLD."id" IS NOT NEW."id" OR OLD."direction" IS NOT NEW."direction" OR OLD."partner_id" IS NOT NEW."partner_id" OR OLD."prospect_id" IS NOT NEW."prospect_id" OR OLD."prospect_name" IS NOT NEW."prospect_name" OR OLD."is_introduction" IS NOT NEW."is_introduction" OR OLD."mutual" IS NOT NEW."mutual" OR OLD."reason" IS NOT NEW."reason" OR OLD."temperature" IS NOT NEW."temperature" OR OLD."made_on" IS NOT NEW."made_on" OR OLD."status" IS NOT NEW."status" OR OLD."status_on" IS NOT NEW."status_on" OR OLD."value" IS NOT NEW."value" OR OLD."currency" IS NOT NEW."currency" OR OLD."repeat" IS NOT NEW."repeat" OR OLD."lost_reason" IS NOT NEW."lost_reason" OR OLD."treated" IS NOT NEW."treated" OR OLD."partner_reported_on" IS NOT NEW."partner_reported_on" OR OLD."prospect_reported_on" IS NOT NEW."prospect_reported_on" OR OLD."follow_up_on" IS NOT NEW."follow_up_on" OR OLD."thanked_on" IS NOT NEW."thanked_on" OR OLD."thanked_how" IS NOT NEW."thanked_how" OR OLD."created_at" IS NOT NEW."created_at" OR OLD."suggested" IS NOT NEW."suggested" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'referral', 'update', CAST(NEW."id" AS TEXT), NEW."partner_id", json_object('id', OLD."id", 'direction', OLD."direction", 'partner_id', OLD."partner_id", 'prospect_id', OLD."prospect_id", 'prospect_name', OLD."prospect_name", 'is_introduction', OLD."is_introduction", 'mutual', OLD."mutual", 'reason', OLD."reason", 'temperature', OLD."temperature", 'made_on', OLD."made_on", 'status', OLD."status", 'status_on', OLD."status_on", 'value', OLD."value", 'currency', OLD."currency", 'repeat', OLD."repeat", 'lost_reason', OLD."lost_reason", 'treated', OLD."treated", 'partner_reported_on', OLD."partner_reported_on", 'prospect_reported_on', OLD."prospect_reported_on", 'follow_up_on', OLD."follow_up_on", 'thanked_on', OLD."thanked_on", 'thanked_how', OLD."thanked_how", 'created_at', OLD."created_at", 'suggested', OLD."suggested"), json_object('id', NEW."id", 'direction', NEW."direction", 'partner_id', NEW."partner_id", 'prospect_id', NEW."prospect_id", 'prospect_name', NEW."prospect_name", 'is_introduction', NEW."is_introduction", 'mutual', NEW."mutual", 'reason', NEW."reason", 'temperature', NEW."temperature", 'made_on', NEW."made_on", 'status', NEW."status", 'status_on', NEW."status_on", 'value', NEW."value", 'currency', NEW."currency", 'repeat', NEW."repeat", 'lost_reason', NEW."lost_reason", 'treated', NEW."treated", 'partner_reported_on', NEW."partner_reported_on", 'prospect_reported_on', NEW."prospect_reported_on", 'follow_up_on', NEW."follow_up_on", 'thanked_on', NEW."thanked_on", 'thanked_how', NEW."thanked_how", 'created_at', NEW."created_at", 'suggested', NEW."suggested") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_reminder_delete" AFTER DELETE ON "reminder" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'reminder', 'delete', CAST(OLD."id" AS TEXT), OLD."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'text', OLD."text", 'due_on', OLD."due_on", 'done_on', OLD."done_on", 'created_at', OLD."created_at"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_reminder_insert" AFTER INSERT ON "reminder" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'reminder', 'insert', CAST(NEW."id" AS TEXT), NEW."contact_id", NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'text', NEW."text", 'due_on', NEW."due_on", 'done_on', NEW."done_on", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_reminder_update" AFTER UPDATE ON "reminder" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."text" IS NOT NEW."text" OR OLD."due_on" IS NOT NEW."due_on" OR OLD."done_on" IS NOT NEW."done_on" OR OLD."created_at" IS NOT NEW."created_at" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'reminder', 'update', CAST(NEW."id" AS TEXT), NEW."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'text', OLD."text", 'due_on', OLD."due_on", 'done_on', OLD."done_on", 'created_at', OLD."created_at"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'text', NEW."text", 'due_on', NEW."due_on", 'done_on', NEW."done_on", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_setting_delete" AFTER DELETE ON "setting" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'setting', 'delete', CAST(OLD."key" AS TEXT), NULL, json_object('key', OLD."key", 'value', OLD."value"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_setting_insert" AFTER INSERT ON "setting" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'setting', 'insert', CAST(NEW."key" AS TEXT), NULL, NULL, json_object('key', NEW."key", 'value', NEW."value") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_setting_update" AFTER UPDATE ON "setting" WHEN OLD."key" IS NOT NEW."key" OR OLD."value" IS NOT NEW."value" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'setting', 'update', CAST(NEW."key" AS TEXT), NULL, json_object('key', OLD."key", 'value', OLD."value"), json_object('key', NEW."key", 'value', NEW."value") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_sync_card_delete" AFTER DELETE ON "sync_card" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'sync_card', 'delete', CAST(OLD."id" AS TEXT), NULL, json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'folder', OLD."folder", 'href', OLD."href", 'etag', OLD."etag", 'base', OLD."base", 'synced_at', OLD."synced_at"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_sync_card_insert" AFTER INSERT ON "sync_card" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'sync_card', 'insert', CAST(NEW."id" AS TEXT), NULL, NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'folder', NEW."folder", 'href', NEW."href", 'etag', NEW."etag", 'base', NEW."base", 'synced_at', NEW."synced_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_sync_card_update" AFTER UPDATE ON "sync_card" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."folder" IS NOT NEW."folder" OR OLD."href" IS NOT NEW."href" OR OLD."etag" IS NOT NEW."etag" OR OLD."base" IS NOT NEW."base" OR OLD."synced_at" IS NOT NEW."synced_at" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'sync_card', 'update', CAST(NEW."id" AS TEXT), NULL, json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'folder', OLD."folder", 'href', OLD."href", 'etag', OLD."etag", 'base', OLD."base", 'synced_at', OLD."synced_at"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'folder', NEW."folder", 'href', NEW."href", 'etag', NEW."etag", 'base', NEW."base", 'synced_at', NEW."synced_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_tag_cadence_delete" AFTER DELETE ON "tag_cadence" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'tag_cadence', 'delete', CAST(OLD."id" AS TEXT), NULL, json_object('id', OLD."id", 'tag', OLD."tag", 'days', OLD."days"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_tag_cadence_insert" AFTER INSERT ON "tag_cadence" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'tag_cadence', 'insert', CAST(NEW."id" AS TEXT), NULL, NULL, json_object('id', NEW."id", 'tag', NEW."tag", 'days', NEW."days") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_tag_cadence_update" AFTER UPDATE ON "tag_cadence" WHEN OLD."id" IS NOT NEW."id" OR OLD."tag" IS NOT NEW."tag" OR OLD."days" IS NOT NEW."days" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'tag_cadence', 'update', CAST(NEW."id" AS TEXT), NULL, json_object('id', OLD."id", 'tag', OLD."tag", 'days', OLD."days"), json_object('id', NEW."id", 'tag', NEW."tag", 'days', NEW."days") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_tag_delete" AFTER DELETE ON "tag" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'tag', 'delete', CAST(OLD."id" AS TEXT), OLD."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'name', OLD."name"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_tag_insert" AFTER INSERT ON "tag" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'tag', 'insert', CAST(NEW."id" AS TEXT), NEW."contact_id", NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'name', NEW."name") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_tag_update" AFTER UPDATE ON "tag" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."name" IS NOT NEW."name" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'tag', 'update', CAST(NEW."id" AS TEXT), NEW."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'name', OLD."name"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'name', NEW."name") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_touch_delete" AFTER DELETE ON "touch" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'touch', 'delete', CAST(OLD."id" AS TEXT), OLD."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'day', OLD."day", 'via', OLD."via", 'note', OLD."note", 'created_at', OLD."created_at", 'source', OLD."source", 'source_key', OLD."source_key", 'direction', OLD."direction"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_touch_insert" AFTER INSERT ON "touch" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'touch', 'insert', CAST(NEW."id" AS TEXT), NEW."contact_id", NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'day', NEW."day", 'via', NEW."via", 'note', NEW."note", 'created_at', NEW."created_at", 'source', NEW."source", 'source_key', NEW."source_key", 'direction', NEW."direction") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_touch_update" AFTER UPDATE ON "touch" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."day" IS NOT NEW."day" OR OLD."via" IS NOT NEW."via" OR OLD."note" IS NOT NEW."note" OR OLD."created_at" IS NOT NEW."created_at" OR OLD."source" IS NOT NEW."source" OR OLD."source_key" IS NOT NEW."source_key" OR OLD."direction" IS NOT NEW."direction" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'touch', 'update', CAST(NEW."id" AS TEXT), NEW."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'day', OLD."day", 'via', OLD."via", 'note', OLD."note", 'created_at', OLD."created_at", 'source', OLD."source", 'source_key', OLD."source_key", 'direction', OLD."direction"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'day', NEW."day", 'via', NEW."via", 'note', NEW."note", 'created_at', NEW."created_at", 'source', NEW."source", 'source_key', NEW."source_key", 'direction', NEW."direction") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_trait_delete" AFTER DELETE ON "trait" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'trait', 'delete', CAST(OLD."id" AS TEXT), OLD."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'kind', OLD."kind", 'text', OLD."text", 'created_at', OLD."created_at"), NULL FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_trait_insert" AFTER INSERT ON "trait" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'trait', 'insert', CAST(NEW."id" AS TEXT), NEW."contact_id", NULL, json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'kind', NEW."kind", 'text', NEW."text", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
CREATE TRIGGER "journal_trait_update" AFTER UPDATE ON "trait" WHEN OLD."id" IS NOT NEW."id" OR OLD."contact_id" IS NOT NEW."contact_id" OR OLD."kind" IS NOT NEW."kind" OR OLD."text" IS NOT NEW."text" OR OLD."created_at" IS NOT NEW."created_at" BEGIN INSERT INTO journal_row (entry_id, table_name, op, row_key, contact_id, before, after) SELECT id, 'trait', 'update', CAST(NEW."id" AS TEXT), NEW."contact_id", json_object('id', OLD."id", 'contact_id', OLD."contact_id", 'kind', OLD."kind", 'text', OLD."text", 'created_at', OLD."created_at"), json_object('id', NEW."id", 'contact_id', NEW."contact_id", 'kind', NEW."kind", 'text', NEW."text", 'created_at', NEW."created_at") FROM journal WHERE id = (SELECT max(id) FROM journal) AND is_open; END;
INSERT INTO "alembic_version" VALUES ('0022');
