"""When self-service is not enough: the customer's hand-off to a person.

tickets.py   the contact form's data checked (email, order number, topic, photos by content), the
             ticket with its reference, the redacted inquiry for mining, deletion after retention
outbox.py    every delivery of a ticket (support mailbox, customer confirmation, webhook) recorded
             first, then sent by a background worker with retries and backoff: nothing is lost
             while the mail server or the desk's webhook is down
mail.py      the messages themselves: the support mail, the confirmation in the customer's language,
             the webhook's signed JSON
"""
