from django.shortcuts import render

from core.access import staff_required


@staff_required()
def home(request):
    return render(request, "dashboard/home.html")
