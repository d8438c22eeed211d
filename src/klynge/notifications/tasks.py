"""Background tasks (django-tasks, the backport of Django 6's `django.tasks`): enqueued from requests and
signals, run by the worker (`klynge db_worker`), so sending never makes a request wait."""

from django_tasks import task

from klynge.notifications import sending


@task()
def send_agenda(publication_id: int) -> int:
    return sending.send_agenda(publication_id)


@task()
def send_confirmation(subscription_id: int) -> int:
    return sending.send_confirmation(subscription_id)
