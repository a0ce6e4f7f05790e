from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import services
from courses.pages import LessonPage


@require_POST
@login_required
def mark_lesson_complete(request, lesson_id: int):
    """The button at the end of a lesson, for readers without JavaScript too."""
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None:
        raise Http404
    services.record_lesson_progress(
        user=request.user, lesson=lesson, now=timezone.now(), completed=True
    )
    messages.success(request, _("Well done! This lesson is marked as complete."))
    return redirect(lesson.get_url(request) + "#lesson-end")
