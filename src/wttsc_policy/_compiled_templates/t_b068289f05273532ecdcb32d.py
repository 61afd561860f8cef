# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/child_protection_process.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_dsl_title = resolve('dsl_title')
    pass
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'If a child I look after becomes subject to child protection processes, I take part whenever I am asked: I share what I know in strategy discussions and in child protection enquiries (which a local authority social worker leads), I attend child protection conferences and core group meetings with a written report, shared with the parents beforehand where it is safe, and I carry out what the child protection plan asks of me. I keep a record of what I contribute.\n'
    else:
        pass
        yield 'When a child is subject to child protection processes, we play a full part at each stage:\n\n- Strategy discussions: the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ' takes part when invited and shares what we know about the child.\n- Child protection enquiries: a local authority social worker leads them; we give the social worker the information we hold promptly.\n- Child protection conferences: the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ', or a member of staff who knows the child well, attends and gives a written report, shared with the parents beforehand where it is safe.\n- Core groups and child protection plans: we attend core group meetings and carry out the actions the plan gives us.\n\nThe '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield " keeps a record of our contributions on the child's file.\n"

blocks = {}
debug_info = '1=13&6=19&8=21&11=23'
