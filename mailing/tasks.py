from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation


@task
def send_email(*, to, subject, template, context, headers, reply_to):
    """Render ``template`` (.txt and .html) and send it to one address, in French."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {**context, "site_url": settings.SITE_URL}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"{template}.txt", context),
            to=[to],
            headers=headers,
            reply_to=reply_to,
        )
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
        return message.send()
