from django.shortcuts import render
from django.utils.translation import gettext as _

from .models import User
from .permissions import can_read
from .roles import Module


def user_list(request):
    if not can_read(request.user, Module.USERS):
        from django.http import Http404

        raise Http404
    users = User.objects.visible_to(request.user).prefetch_related("memberships__unit")
    return render(request, "accounts/user_list.html", {"users": users, "title": _("Người dùng")})
