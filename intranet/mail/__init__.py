"""Mail: the outbox written in the same transaction as each change, the German texts, and delivery
(file, console or SMTP) with retries."""
