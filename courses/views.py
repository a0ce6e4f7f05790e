from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses import services
from courses.offline import may_see, module_offline_files
from courses.pages import LessonPage, ModulePage


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


@require_GET
def module_offline_list(request: HttpRequest, module_id: int) -> JsonResponse:
    """The files to keep for reading a module offline; someone else's module answers 404."""
    module = ModulePage.objects.filter(pk=module_id).first()
    if module is None or not may_see(module, request):
        raise Http404
    response = JsonResponse(module_offline_files(module=module, request=request))
    response["Cache-Control"] = "private, no-cache"
    return response
