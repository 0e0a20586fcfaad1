import type { Generated } from 'kysely';

export type AssistantOutcome = 'answered' | 'clarify' | 'declined' | 'followup' | 'greeting';
export type QueueStatus = 'open' | 'added' | 'dismissed';

export interface AssistantConversationsTable {
  /** Random UUID, known only to the person's browser or channel. */
  id: string;
  channel: string;
  /** SHA-256 of the channel's own user id (Zalo), so a chat continues; null on the web. */
  external_key: string | null;
  last_topic: string | null;
  message_count: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface AssistantMessagesTable {
  id: Generated<number>;
  conversation_id: string;
  created_at: string;
  /** Local (Hanoi) date, YYYY-MM-DD. */
  day: string;
  channel: string;
  /** The question with phone numbers, emails and ID numbers removed. */
  question: string;
  outcome: AssistantOutcome;
  topic: string | null;
  confidence: number;
  facet: string | null;
  /** JSON: { answer, steps, sources, suggestions }. */
  reply: string;
  llm: Generated<number>;
  queue_status: QueueStatus | null;
  handled_by: number | null;
  handled_at: string | null;
}

export interface AssistantPhrasesTable {
  id: Generated<number>;
  topic_id: string;
  phrase: string;
  kind: 'alias' | 'faq';
  /** For an FAQ: the short answer an editor wrote (optional). */
  answer: string | null;
  source_message_id: number | null;
  created_by: number | null;
  created_at: string;
}

// Table row types of the assistant module.
export interface AssistantTables {
  assistant_conversations: AssistantConversationsTable;
  assistant_messages: AssistantMessagesTable;
  assistant_phrases: AssistantPhrasesTable;
}
