# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/attendance.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_school_attendance = resolve('school_attendance')
    l_0_council = resolve('council')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield 'Every child has the right to a suitable, full-time education. We treat absence as a possible sign that a child needs help or protection, not only as an attendance issue. Persistent or unexplained absence, children missing education, part-time timetables and suspensions can all indicate abuse, neglect or exploitation.\n\nWe follow '
    yield str(environment.getattr((undefined(name='school_attendance') if l_0_school_attendance is missing else l_0_school_attendance), 'title'))
    yield ' and share attendance information with '
    yield str((undefined(name='council') if l_0_council is missing else l_0_council))
    yield ' and other partners early, so that families get timely support. The attendance lead and the '
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield ' meet regularly to look at patterns of absence together.'

blocks = {}
debug_info = '3=15'
