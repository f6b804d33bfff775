"""E-mail in French, HTML and plain text, sent by the task worker rather than in a request.

Generic machinery: it imports no domain code. A caller names a template pair
(``templates/<name>.txt`` and ``<name>.html``), gives a JSON-serialisable context, and
``send`` queues one mail per recipient; ``tasks.send_email`` renders and sends it. Templates get
``site_url`` (absolute links) besides their context.
"""

from .tasks import send_email


def send(*, to, subject, template, context=None, headers=None, reply_to=None):
    """Queue one e-mail to each address of ``to``; returns the queued task results."""
    return [
        send_email.enqueue(
            to=address,
            subject=subject,
            template=template,
            context=context or {},
            headers=headers or {},
            reply_to=reply_to or [],
        )
        for address in to
    ]
