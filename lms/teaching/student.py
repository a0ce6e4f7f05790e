"""The student's side of teaching: their home leads with the work their classes gave them, then
shows what the quiz engine keeps for them (modules under way, quizzes, results, certificates)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from lms.teaching import assignments
from quizzes import selectors


@login_required
def student_home(request):
    context = selectors.student_home(request.user)
    context["assignments"] = assignments.student_assignments(user=request.user, now=timezone.now())
    return render(request, "quizzes/student_home.html", context)
